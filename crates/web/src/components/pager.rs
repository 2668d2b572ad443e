//! Paging of a long list, as the cloud console pages its instance lists: the total count, a
//! page size of 10, 20, 50 or 100, previous / next and the page numbers. The position lives in
//! the address's query (`?page=2&size=20`), so a reload, a bookmark and the browser's back
//! button keep it; the controls are plain links (and one labelled select), reachable and usable
//! with the keyboard alone.

use std::ops::Range;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::i18n::{Tr, use_t};

/// The page sizes offered.
pub const PAGE_SIZES: [usize; 4] = [10, 20, 50, 100];
/// The page size of an address without (or with an unknown) `size`.
pub const DEFAULT_PAGE_SIZE: usize = PAGE_SIZES[0];

/// Which part of a list of `total` items is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// The page shown, from 1, never past the last page.
    pub page: usize,
    /// Items per page, one of [`PAGE_SIZES`].
    pub size: usize,
    /// Items in the whole list.
    pub total: usize,
}

impl Paging {
    /// The paging an address asks for (its `page` and `size` as written, if any) over `total`
    /// items: an unknown size is the default one, a page that is not a number is the first,
    /// and one past the end (the list got shorter) is the last.
    pub fn from_query(page: Option<&str>, size: Option<&str>, total: usize) -> Paging {
        let size = size
            .and_then(|s| s.trim().parse::<usize>().ok())
            .filter(|s| PAGE_SIZES.contains(s))
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let asked = page
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        let mut paging = Paging {
            page: 1,
            size,
            total,
        };
        paging.page = asked.min(paging.pages());
        paging
    }

    /// Number of pages (1 for an empty list).
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.size).max(1)
    }

    /// Indexes of the items on the page shown.
    pub fn range(&self) -> Range<usize> {
        let start = ((self.page - 1) * self.size).min(self.total);
        start..(start + self.size).min(self.total)
    }

    /// The page numbers to offer as links: the first, the last, and two either side of the
    /// page shown, with a gap where numbers are left out.
    pub fn numbers(&self) -> Vec<Entry> {
        let last = self.pages();
        let mut entries: Vec<Entry> = Vec::new();
        for n in 1..=last {
            if n == 1 || n == last || n.abs_diff(self.page) <= 2 {
                entries.push(Entry::Page(n));
            } else if let Some(&Entry::Page(before)) = entries.last() {
                entries.push(Entry::Gap(before));
            }
        }
        entries
    }
}

/// One place of the pager's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// A link to this page.
    Page(usize),
    /// Numbers left out, after this page.
    Gap(usize),
}

/// The query of page `page` at `size` items per page.
pub fn query(page: usize, size: usize) -> String {
    format!("?page={page}&size={size}")
}

/// The paging the current address asks for over `total()` items.
pub fn use_paging(total: impl Fn() -> usize + Send + Sync + 'static) -> Memo<Paging> {
    let query = use_query_map();
    Memo::new(move |_| {
        let total = total();
        query.with(|q| Paging::from_query(q.get_str("page"), q.get_str("size"), total))
    })
}

/// The pager under a list at `path` (the page's own route, without the base path; the links
/// and the page size select change only its query). `id` prefixes the IDs: `{id}-pager`,
/// `{id}-total` (its `data-total` is the count), `{id}-page-size`, `{id}-previous`,
/// `{id}-next`; `label` names the navigation landmark.
#[component]
pub fn Pager(
    /// The route of the page the list is on, e.g. `/gateways`.
    path: &'static str,
    /// Prefix of the controls' IDs.
    id: &'static str,
    /// What is paged, for the navigation landmark's name, chosen from the catalogue (e.g.
    /// `|t| t.gateways.pager_label`).
    label: Tr,
    /// The paging shown.
    paging: Memo<Paging>,
) -> impl IntoView {
    let navigate = use_navigate();
    let t = use_t();
    let link = move |page: usize| {
        format!(
            "{}{path}{}",
            crate::base::base(),
            query(page, paging.with(|p| p.size))
        )
    };
    let size_id = format!("{id}-page-size");
    view! {
        <nav class="pager" id=format!("{id}-pager") aria-label=move || label(t())>
            <span class="pager-total" id=format!("{id}-total") data-total=move || paging.with(|p| p.total)>
                {move || (t().shell.pager_total)(paging.with(|p| p.total))}
            </span>
            <span class="pager-size">
                <label for=size_id.clone()>{move || t().shell.pager_per_page}</label>
                <select
                    id=size_id
                    on:change=move |ev| {
                        let size = event_target_value(&ev);
                        // The first page at the new size: the old position means another row.
                        navigate(
                            &format!("{path}?page=1&size={size}"),
                            NavigateOptions::default(),
                        );
                    }
                >
                    {PAGE_SIZES
                        .into_iter()
                        .map(|n| {
                            view! {
                                <option value=n.to_string() selected=move || paging.with(|p| p.size == n)>
                                    {n}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </span>
            // The links stay in place while the page changes (their targets change), so the
            // focus stays on Next or a number after Enter.
            <ul class="pager-pages">
                <li class="pager-step">
                    <a
                        id=format!("{id}-previous")
                        rel="prev"
                        href=move || paging.with(|p| (p.page > 1).then_some(p.page - 1)).map(link)
                        class:disabled=move || paging.with(|p| p.page == 1)
                    >
                        {move || t().shell.pager_previous}
                    </a>
                </li>
                <For
                    each=move || paging.with(Paging::numbers)
                    key=|entry| *entry
                    children=move |entry| match entry {
                        Entry::Page(n) => {
                            let current = move || paging.with(|p| p.page == n);
                            view! {
                                <li>
                                    <a
                                        href=move || link(n)
                                        aria-label=move || (t().shell.pager_page)(n)
                                        aria-current=move || current().then_some("page")
                                        class:current=current
                                    >
                                        {n}
                                    </a>
                                </li>
                            }
                                .into_any()
                        }
                        Entry::Gap(_) => {
                            view! {
                                <li class="gap" aria-hidden="true">
                                    "…"
                                </li>
                            }
                                .into_any()
                        }
                    }
                />
                <li class="pager-step">
                    <a
                        id=format!("{id}-next")
                        rel="next"
                        href=move || {
                            paging.with(|p| (p.page < p.pages()).then_some(p.page + 1)).map(link)
                        }
                        class:disabled=move || paging.with(|p| p.page >= p.pages())
                    >
                        {move || t().shell.pager_next}
                    </a>
                </li>
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn an_address_without_paging_shows_the_first_ten() {
        let p = Paging::from_query(None, None, 25);
        assert_eq!((p.page, p.size, p.pages()), (1, 10, 3));
        assert_eq!(p.range(), 0..10);
    }

    #[wasm_bindgen_test]
    fn the_last_page_holds_the_rest_and_a_page_past_it_is_the_last() {
        let p = Paging::from_query(Some("2"), Some("20"), 25);
        assert_eq!(p.range(), 20..25);
        let past = Paging::from_query(Some("9"), Some("20"), 25);
        assert_eq!(past.page, 2);
        assert_eq!(Paging::from_query(Some("0"), Some("10"), 25).page, 1);
        assert_eq!(Paging::from_query(Some("two"), Some("7"), 25).size, 10);
        let empty = Paging::from_query(Some("3"), None, 0);
        assert_eq!((empty.page, empty.pages(), empty.range()), (1, 1, 0..0));
    }

    #[wasm_bindgen_test]
    fn numbers_keep_the_ends_and_the_neighbourhood() {
        use Entry::{Gap, Page};
        let p = Paging::from_query(Some("50"), Some("10"), 1_000);
        assert_eq!(
            p.numbers(),
            [
                Page(1),
                Gap(1),
                Page(48),
                Page(49),
                Page(50),
                Page(51),
                Page(52),
                Gap(52),
                Page(100)
            ]
        );
        let few = Paging::from_query(Some("1"), Some("10"), 25);
        assert_eq!(few.numbers(), [Page(1), Page(2), Page(3)]);
        let start = Paging::from_query(Some("4"), Some("10"), 1_000);
        assert_eq!(
            start.numbers(),
            [
                Page(1),
                Page(2),
                Page(3),
                Page(4),
                Page(5),
                Page(6),
                Gap(6),
                Page(100)
            ]
        );
    }
}
