//! Unit tests of the wire types.

use super::*;

#[test]
fn az_string_form_round_trips() {
    let codes = ["cn-north-4a", "cn-north-4b"];
    let text = format_az_ids(&codes);
    assert_eq!(text, "[cn-north-4a, cn-north-4b]");
    assert_eq!(parse_az_ids(&text), codes);
    assert_eq!(format_az_ids::<&str>(&[]), "[]");
    assert!(parse_az_ids("[]").is_empty());
    assert!(parse_az_ids("").is_empty());
    assert_eq!(parse_az_ids("cn-north-4a,cn-north-4b ,"), codes);
}

#[test]
fn camel_case_of_field_names() {
    assert_eq!(snake_to_camel("maintain_begin"), "maintainBegin");
    assert_eq!(snake_to_camel("available_zone_ids"), "availableZoneIds");
    assert_eq!(snake_to_camel("spec_id"), "specId");
    assert_eq!(snake_to_camel("_x"), "x");
    assert_eq!(snake_to_camel("name"), "name");
}

#[test]
fn list_limits_are_normalised() {
    let check = |offset: Option<i64>, limit: Option<i64>, expect: (u64, u64)| {
        let query = ListQuery {
            offset,
            limit,
            ..ListQuery::default()
        };
        assert_eq!(
            (query.offset(), query.limit()),
            expect,
            "{offset:?} {limit:?}"
        );
    };
    check(None, None, (0, 20));
    check(Some(-1), Some(0), (0, 20));
    check(Some(i64::MIN), Some(-5), (0, 20));
    check(Some(7), Some(1), (7, 1));
    check(Some(0), Some(500), (0, 500));
    check(Some(0), Some(501), (0, 500));
    check(
        Some(i64::MAX),
        Some(i64::MAX),
        (i64::MAX.unsigned_abs(), 500),
    );
}

#[test]
fn strip_position_keeps_the_message() {
    assert_eq!(
        strip_position("invalid type: string \"x\", expected u32 at line 1 column 9"),
        "invalid type: string \"x\", expected u32"
    );
    assert_eq!(strip_position("no position"), "no position");
}
