use super::*;

fn name_chars(chars: &[char]) -> Result<(), ValueError> {
    Err(ValueError::BadChars {
        chars: chars.to_vec(),
        allowed: CharSet::GatewayName,
    })
}

fn check_name(input: &str, expect: &Result<(), ValueError>) {
    assert_eq!(&GatewayName::parse(input).map(|_| ()), expect, "{input:?}");
}

#[test]
fn gateway_name_boundaries() {
    let len = |actual| {
        Err(ValueError::Length {
            min: 3,
            max: 64,
            actual,
        })
    };
    check_name("", &Err(ValueError::Missing));
    check_name("ab", &len(2));
    check_name("abc", &Ok(()));
    check_name(&format!("a{}", "b".repeat(63)), &Ok(()));
    check_name(&format!("a{}", "b".repeat(64)), &len(65));
    check_name("1abc", &Err(ValueError::FirstChar('1')));
    check_name("_abc", &Err(ValueError::FirstChar('_')));
    check_name("-abc", &Err(ValueError::FirstChar('-')));
    check_name("网关一", &Ok(()));
    check_name("网关", &len(2));
    check_name("a网关-_9", &Ok(()));
    check_name("abc d", &name_chars(&[' ']));
    check_name("abc.d", &name_chars(&['.']));
    check_name("abcé", &name_chars(&['é']));
    check_name("éabc", &name_chars(&['é']));
    // Every offending character, once each, in the order typed; the first-character rule
    // comes after them.
    check_name("1a b.c d!", &name_chars(&[' ', '.', '!']));
    check_name("1a.b", &name_chars(&['.']));
    // U+9FA6 is just past the accepted CJK range.
    check_name("ab\u{9fa6}", &name_chars(&['\u{9fa6}']));
    check_name("\u{9fa5}ab", &Ok(()));
    check_name("\u{4e00}ab", &Ok(()));
    check_name("\u{4dff}ab", &name_chars(&['\u{4dff}']));
}

fn desc_chars(chars: &[char]) -> Result<(), ValueError> {
    Err(ValueError::BadChars {
        chars: chars.to_vec(),
        allowed: CharSet::AllBut,
    })
}

#[test]
fn description_boundaries() {
    let cases: &[(String, Result<(), ValueError>)] = &[
        (String::new(), Ok(())),
        ("x".repeat(255), Ok(())),
        ("网".repeat(255), Ok(())),
        (
            "x".repeat(256),
            Err(ValueError::Length {
                min: 0,
                max: 255,
                actual: 256,
            }),
        ),
        ("a <b>".to_owned(), desc_chars(&['<', '>'])),
        ("a >".to_owned(), desc_chars(&['>'])),
        ("line\nbreak & \"quotes\"".to_owned(), Ok(())),
    ];
    for (input, expect) in cases {
        assert_eq!(&Description::parse(input).map(|_| ()), expect, "{input:?}");
    }
}

#[test]
fn editions_and_private_ips() {
    let cases = [
        ("BASIC", 3),
        ("PROFESSIONAL", 5),
        ("ENTERPRISE", 6),
        ("PLATINUM", 7),
        ("BASIC_IPV6", 3),
        ("PROFESSIONAL_IPV6", 5),
        ("ENTERPRISE_IPV6", 6),
        ("PLATINUM_IPV6", 7),
        ("PLATINUM_X2", 11),
        ("PLATINUM_X3", 15),
        ("PLATINUM_X4", 19),
        ("PLATINUM_X5", 23),
        ("PLATINUM_X6", 27),
        ("PLATINUM_X7", 31),
        ("PLATINUM_X8", 35),
    ];
    for (spec, ips) in cases {
        let e = Edition::parse(spec).expect(spec);
        assert_eq!(e.private_ips_needed(), ips, "{spec}");
        assert_eq!(e.as_str(), spec);
    }
    for bad in ["basic", "PLATINUM_X1", "PLATINUM_X9", " BASIC", "GOLD"] {
        assert!(
            matches!(Edition::parse(bad), Err(ValueError::NotOneOf { .. })),
            "{bad}"
        );
    }
    assert_eq!(Edition::parse(""), Err(ValueError::Missing));
    assert_eq!(Edition::Professional.max_requests_per_second(), Some(4_000));
    assert_eq!(Edition::Enterprise.bandwidth_mbps(), Some((200, 400)));
    assert_eq!(Edition::PlatinumIpv6.api_quota(), Some(8_000));
    assert_eq!(Edition::PlatinumX2.api_quota(), None);
}

fn check_window(begin: &str, end: &str, expect: Result<u8, (WindowEnd, ErrorCode)>) {
    let got = MaintenanceWindow::parse(begin, end)
        .map(MaintenanceWindow::begin_hour)
        .map_err(|e| (e.end, e.error.code()));
    assert_eq!(got, expect, "{begin:?}-{end:?}");
}

#[test]
fn maintenance_windows() {
    use ErrorCode::{InvalidParameter, MaintainWindowHour, MaintainWindowLength};
    use WindowEnd::{Begin, End};
    check_window("02:00:00", "06:00:00", Ok(2));
    check_window("06:00:00", "10:00:00", Ok(6));
    check_window("10:00:00", "14:00:00", Ok(10));
    check_window("14:00:00", "18:00:00", Ok(14));
    check_window("18:00:00", "22:00:00", Ok(18));
    check_window("22:00:00", "02:00:00", Ok(22));
    check_window("22:00:00", "", Ok(22));
    check_window("22:00:00", "23:00:00", Err((End, MaintainWindowLength)));
    check_window("02:00:00", "02:00:00", Err((End, MaintainWindowLength)));
    check_window("03:00:00", "07:00:00", Err((Begin, MaintainWindowHour)));
    check_window("00:00:00", "04:00:00", Err((Begin, MaintainWindowHour)));
    check_window("2:00:00", "06:00:00", Err((Begin, InvalidParameter)));
    check_window("02:30:00", "06:30:00", Err((Begin, InvalidParameter)));
    check_window("24:00:00", "04:00:00", Err((Begin, InvalidParameter)));
    check_window("", "", Err((Begin, InvalidParameter)));
    check_window("02:00:00", "6:00", Err((End, InvalidParameter)));
    for w in MaintenanceWindow::ALL {
        assert_eq!(MaintenanceWindow::parse(&w.begin(), &w.end()), Ok(w));
    }
    assert_eq!(MaintenanceWindow::default().label(), "22:00 – 02:00");
}

#[test]
fn bandwidths() {
    type Parsed = Result<u32, ValueError>;
    let range = |min, actual| {
        Err(ValueError::OutOfRange {
            min,
            max: 2000,
            actual,
        })
    };
    let cases: &[(&str, Parsed, Parsed)] = &[
        ("0", range(1, 0), range(5, 0)),
        ("1", Ok(1), range(5, 1)),
        ("4", Ok(4), range(5, 4)),
        ("5", Ok(5), Ok(5)),
        (" 2000 ", Ok(2000), Ok(2000)),
        ("2001", range(1, 2001), range(5, 2001)),
        ("", Err(ValueError::Missing), Err(ValueError::Missing)),
        (
            "5.5",
            Err(ValueError::NotANumber("5.5".into())),
            Err(ValueError::NotANumber("5.5".into())),
        ),
        (
            "99999999999999999999999",
            range(1, u64::MAX),
            range(5, u64::MAX),
        ),
    ];
    for (input, out, inb) in cases {
        assert_eq!(
            &Bandwidth::parse_outbound(input).map(Bandwidth::mbps),
            out,
            "{input}"
        );
        assert_eq!(
            &Bandwidth::parse_inbound(input).map(Bandwidth::mbps),
            inb,
            "{input}"
        );
    }
}

#[test]
fn tags() {
    let cases: &[(&str, &str, Result<(), TagPart>)] = &[
        ("env", "prod", Ok(())),
        ("k", "", Ok(())),
        ("", "v", Err(TagPart::Key)),
        ("_sys_x", "v", Err(TagPart::Key)),
        ("_sysx", "v", Ok(())),
        ("a b_.:=+-@", "a/b", Ok(())),
        ("a/b", "v", Err(TagPart::Key)),
        ("环境", "生产", Ok(())),
        ("k", "<", Err(TagPart::Value)),
    ];
    for (k, v, expect) in cases {
        assert_eq!(
            &Tag::parse(k, v).map(|_| ()).map_err(|(p, _)| p),
            expect,
            "{k:?}={v:?}"
        );
    }
    let long = |n| "k".repeat(n);
    assert!(Tag::parse(&long(128), "").is_ok());
    assert!(Tag::parse(&long(129), "").is_err());
    assert!(Tag::parse("k", &long(255)).is_ok());
    assert!(Tag::parse("k", &long(256)).is_err());
    let n_tags = |n: usize| {
        (0..n)
            .map(|i| Tag::parse(&format!("k{i}"), "v").expect("valid tag"))
            .collect::<Vec<_>>()
    };
    assert!(Tags::new(n_tags(20)).is_ok());
    assert_eq!(
        Tags::new(n_tags(21)).map(|_| ()).map_err(|e| e.code()),
        Err(ErrorCode::TooManyTags)
    );
    let mut dup = n_tags(2);
    dup.push(dup[0].clone());
    assert_eq!(Tags::new(dup), Err(ValueError::Duplicate("k0".into())));
}

#[test]
fn instance_ids() {
    let id = InstanceId::derive(&["cn-north-4", "gw"], 7);
    assert_eq!(id.as_str().len(), 32);
    assert!(InstanceId::parse(id.as_str()).is_ok());
    assert_eq!(id, InstanceId::derive(&["cn-north-4", "gw"], 7));
    assert_ne!(id, InstanceId::derive(&["cn-north-4", "gw"], 8));
    assert!(InstanceId::parse("6a7d71827fd54572b1f31aa9548fcc81").is_ok());
    assert!(InstanceId::parse("6A7D71827FD54572B1F31AA9548FCC81").is_err());
    assert!(InstanceId::parse("6a7d71827fd54572b1f31aa9548fcc8").is_err());
}

#[test]
fn serde_keeps_invariants() {
    let bad: Result<GatewayName, _> = serde_json::from_str("\"1bad\"");
    assert!(bad.is_err());
    let w: MaintenanceWindow =
        serde_json::from_str(r#"{"begin":"06:00:00","end":"10:00:00"}"#).expect("valid");
    assert_eq!(w.begin_hour(), 6);
    let bad_w: Result<MaintenanceWindow, _> =
        serde_json::from_str(r#"{"begin":"07:00:00","end":"11:00:00"}"#);
    assert!(bad_w.is_err());
}

#[test]
fn value_errors_read_as_one_sentence_after_a_label() {
    let sentence = |e: ValueError| format!("Gateway Name {e}.");
    assert_eq!(
        sentence(GatewayName::parse("1a b.c").unwrap_err()),
        "Gateway Name cannot contain a space or “.”; use only letters, digits, Chinese \
             characters, - and _."
    );
    assert_eq!(
        sentence(GatewayName::parse("9abc").unwrap_err()),
        "Gateway Name starts with “9”; start it with a letter or a Chinese character."
    );
    assert_eq!(
        sentence(GatewayName::parse("ab").unwrap_err()),
        "Gateway Name has 2 characters; use 3 to 64."
    );
    assert_eq!(
        format!("Description {}.", Description::parse("<a>#<").unwrap_err()),
        "Description cannot contain “<” or “>”."
    );
    assert_eq!(
        format!("Tag key {}.", Tag::parse("a\tb#c$", "").unwrap_err().1),
        "Tag key cannot contain a tab, “#” or “$”; use only letters, digits, spaces and \
             _ . : = + - @."
    );
}
