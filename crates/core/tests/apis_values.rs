//! The values of API management: boundaries of every name, key, secret and path, the enums'
//! wire forms and "not available here", and properties of the parsers.

use apig_core::apis::{
    ApiName, AppKey, AppName, AppSecret, AuthType, BackendKind, BackendUri, DomainName, EnvName,
    GroupName, GroupRemark, Invalid, Method, ParamName, Refusal, Remark, ReqProtocol, ReqUri,
    ResourceId, Segment, UrlDomain,
};
use apig_core::code::ErrorCode;
use proptest::prelude::*;

fn len_error(min: usize, max: usize, actual: usize) -> Invalid {
    Invalid::Length { min, max, actual }
}

/// A parser reduced to its verdict.
type Check = fn(&str) -> Result<(), Invalid>;

#[test]
fn name_lengths_are_inclusive() {
    let cases: [(Check, usize, usize); 6] = [
        (|s| GroupName::parse(s).map(drop), 3, 255),
        (|s| ApiName::parse(s).map(drop), 3, 255),
        (|s| EnvName::parse(s).map(drop), 3, 64),
        (|s| AppName::parse(s).map(drop), 3, 64),
        (|s| AppKey::parse(s).map(drop), 8, 200),
        (|s| AppSecret::parse(s).map(drop), 8, 128),
    ];
    for (parse, min, max) in cases {
        assert_eq!(parse(&"a".repeat(min)), Ok(()), "{min}");
        assert_eq!(parse(&"a".repeat(max)), Ok(()), "{max}");
        assert_eq!(
            parse(&"a".repeat(min - 1)),
            Err(len_error(min, max, min - 1))
        );
        assert_eq!(
            parse(&"a".repeat(max + 1)),
            Err(len_error(min, max, max + 1))
        );
        assert_eq!(parse(""), Err(Invalid::Missing));
    }
    assert_eq!(ParamName::parse(&"p".repeat(32)).map(drop), Ok(()));
    assert_eq!(
        ParamName::parse(&"p".repeat(33)).map(drop),
        Err(len_error(1, 32, 33))
    );
    assert_eq!(Remark::parse(&"é".repeat(255)).map(drop), Ok(()));
    assert_eq!(
        Remark::parse(&"é".repeat(256)).map(drop),
        Err(len_error(0, 255, 256))
    );
    assert_eq!(Remark::parse("").map(drop), Ok(()));
    assert_eq!(GroupRemark::parse(&"x".repeat(1000)).map(drop), Ok(()));
    assert!(GroupRemark::parse(&"x".repeat(1001)).is_err());
}

#[test]
fn names_follow_their_characters() {
    assert!(GroupName::parse("订单服务(v2)：内部、对外").is_ok());
    assert!(GroupName::parse("9to5/orders.api:v1").is_ok());
    assert_eq!(
        GroupName::parse("_orders"),
        Err(Invalid::FirstChar {
            ch: '_',
            expected: "a letter, a digit or a Chinese character"
        })
    );
    assert!(matches!(
        ApiName::parse("get users"),
        Err(Invalid::BadChar { ch: ' ', .. })
    ));
    assert!(
        ApiName::parse("（x）").is_err(),
        "full-width only in group names"
    );
    assert!(EnvName::parse("test_env_01").is_ok());
    assert!(matches!(
        EnvName::parse("1env"),
        Err(Invalid::FirstChar { ch: '1', .. })
    ));
    assert!(matches!(
        EnvName::parse("test-env"),
        Err(Invalid::BadChar { ch: '-', .. })
    ));
    assert!(AppName::parse("应用_1").is_ok());
    assert!(AppName::parse("1app").is_err());
    assert!(AppKey::parse("0123abcd-_XY").is_ok());
    assert!(matches!(
        AppKey::parse("-0123abcd"),
        Err(Invalid::FirstChar { ch: '-', .. })
    ));
    assert!(AppSecret::parse("s3cr3t!@#$%_-").is_ok());
    assert!(matches!(
        AppSecret::parse("secret^^^"),
        Err(Invalid::BadChar { ch: '^', .. })
    ));
    assert!(ParamName::parse("x-user.id_2").is_ok());
    assert!(ParamName::parse("2x").is_err());
    assert!(ResourceId::parse("DEFAULT_ENVIRONMENT_RELEASE_ID").is_ok());
    assert!(ResourceId::parse("../etc").is_err());
    assert_eq!(ResourceId::derive(&["a"], 1).as_str().len(), 32);
    assert_ne!(ResourceId::derive(&["a"], 1), ResourceId::derive(&["a"], 2));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let secret = AppSecret::parse("topsecret123").expect("valid");
    let shown = format!("{secret:?}");
    assert!(!shown.contains("topsecret"), "{shown}");
    assert!(shown.contains("12 characters"), "{shown}");
    assert_eq!(secret.as_str(), "topsecret123");
    let json = serde_json::to_string(&secret).expect("serialise");
    assert_eq!(json, "\"topsecret123\"", "stored in full: the API shows it");
}

#[test]
fn request_paths_parse_into_segments() {
    let uri = ReqUri::parse("/users/{id}/files/{path+}").expect("valid");
    let names: Vec<&str> = uri.params().map(ParamName::as_str).collect();
    assert_eq!(names, ["id", "path"]);
    assert!(uri.is_greedy());
    assert_eq!(uri.segments()[0], Segment::Literal("users".into()));
    assert_eq!(ReqUri::parse("/").expect("root").segments(), &[]);
    assert_eq!(
        ReqUri::parse("/test/").expect("trailing slash").segments(),
        &[Segment::Literal("test".into())]
    );
    assert!(ReqUri::parse("/a/*/b%20c-d_e.f~").is_ok());
    for (bad, why) in [
        ("users", Invalid::Format("must start with /")),
        (
            "/a//b",
            Invalid::Format("must not contain // (an empty segment)"),
        ),
        (
            "/a/{p+}/b",
            Invalid::Format("may have a greedy parameter {name+} only as its last segment"),
        ),
        (
            "/a/x{p}",
            Invalid::Format("must use { } only around a whole segment, as in /users/{id}"),
        ),
        (
            "/a/{p}/{p}",
            Invalid::Format("must not name a parameter twice"),
        ),
        ("", Invalid::Missing),
    ] {
        assert_eq!(ReqUri::parse(bad).map(drop), Err(why), "{bad}");
    }
    assert!(matches!(
        ReqUri::parse("/a b"),
        Err(Invalid::BadChar { ch: ' ', .. })
    ));
    assert!(matches!(
        ReqUri::parse("/a/#ENV#"),
        Err(Invalid::BadChar { ch: '#', .. })
    ));
    assert!(BackendUri::parse("/v1/#STAGE#/{id}").is_ok());
    let long = format!("/{}", "a".repeat(511));
    assert!(ReqUri::parse(&long).is_ok());
    assert_eq!(
        ReqUri::parse(&format!("{long}a")).map(drop),
        Err(len_error(1, 512, 513))
    );
}

#[test]
fn backend_addresses_and_domains() {
    let d = UrlDomain::parse("Backend.Example.com:8080").expect("valid");
    assert_eq!((d.host(), d.port()), ("backend.example.com", Some(8080)));
    assert_eq!(d.to_string(), "backend.example.com:8080");
    assert_eq!(UrlDomain::parse("127.0.0.1").expect("ip").port(), None);
    assert!(UrlDomain::parse("localhost:1").is_ok());
    for bad in ["host:0", "host:65536", "host:", "http://x", "a..b", ""] {
        assert!(UrlDomain::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(
        DomainName::parse("API.Example.COM")
            .expect("valid")
            .as_str(),
        "api.example.com"
    );
    for bad in ["localhost", "-a.com", "a-.com", "a..com", "a_b.com", ""] {
        assert!(DomainName::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn enums_parse_their_wire_form_and_refuse_what_is_not_offered() {
    for m in Method::ALL {
        assert_eq!(Method::parse(m.as_str()), Ok(*m));
    }
    assert!(Method::Any.accepts("DELETE"));
    assert!(Method::Get.accepts("GET") && !Method::Get.accepts("POST"));
    assert_eq!(
        Method::parse("get"),
        Err(Invalid::NotOneOf {
            given: "get".into(),
            allowed: "GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS, ANY".into()
        })
    );
    for (given, parsed) in [
        ("IAM", AuthType::parse("IAM").map(drop)),
        ("AUTHORIZER", AuthType::parse("AUTHORIZER").map(drop)),
        ("FUNCTION", BackendKind::parse("FUNCTION").map(drop)),
        ("GRPC", BackendKind::parse("GRPC").map(drop)),
        ("GRPCS", ReqProtocol::parse("GRPCS").map(drop)),
    ] {
        let e = parsed.expect_err("not available");
        assert!(
            matches!(&e, Invalid::NotAvailable { given: g, .. } if g == given),
            "{e:?}"
        );
        let r = Refusal::invalid("auth_type", &e);
        assert_eq!(r.code, ErrorCode::ApigInvalidParameter);
        assert!(
            r.message.contains("is not available here; use"),
            "{}",
            r.message
        );
    }
    assert_eq!(AuthType::parse("APP"), Ok(AuthType::App));
}

#[test]
fn refusals_name_the_parameter() {
    let r = Refusal::invalid(
        "name",
        &Invalid::Length {
            min: 3,
            max: 255,
            actual: 2,
        },
    );
    assert_eq!(
        r.message,
        "Invalid parameter value,parameterName:name. The value must be 3–255 characters long, got 2."
    );
    assert_eq!((r.http_status(), r.parameter.as_str()), (400, "name"));
    let inner = Refusal::invalid("timeout", &Invalid::Missing).within("backend_api");
    assert_eq!(inner.parameter, "backend_api.timeout");
    assert!(
        inner.message.contains("parameterName:backend_api.timeout"),
        "{}",
        inner.message
    );
}

/// A string built from the characters of every rule and some outside them.
fn mixed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_\\-./:(){}+#%*!@$ 订单（）：、]{0,70}",
        "(/[a-z{}+#]{0,6}){0,6}/?",
    ]
}

proptest! {
    #[test]
    fn parsers_never_panic_and_keep_what_they_accept(s in mixed()) {
        macro_rules! keeps {
            ($($t:ty),+) => {$(
                if let Ok(v) = <$t>::parse(&s) {
                    prop_assert_eq!(v.as_str(), s.as_str());
                    let json = serde_json::to_string(&v).expect("serialise");
                    let back: $t = serde_json::from_str(&json).expect("valid again");
                    prop_assert_eq!(back, v);
                }
            )+};
        }
        keeps!(GroupName, ApiName, EnvName, AppName, Remark, GroupRemark, ResourceId, ParamName,
            AppKey, AppSecret, ReqUri, BackendUri);
        let _ = DomainName::parse(&s);
        let _ = UrlDomain::parse(&s);
        let _ = Method::parse(&s);
        let _ = AuthType::parse(&s);
    }

    #[test]
    fn generated_names_are_accepted(
        group in "[a-z0-9订][a-zA-Z0-9_\\-./():（）：、订]{2,80}",
        env in "[a-zA-Z][a-zA-Z0-9_]{2,63}",
        key in "[a-zA-Z0-9][a-zA-Z0-9_\\-]{7,199}",
        secret in "[a-zA-Z0-9][a-zA-Z0-9_\\-!@#$%]{7,127}",
    ) {
        prop_assert!(GroupName::parse(&group).is_ok());
        prop_assert!(EnvName::parse(&env).is_ok());
        prop_assert!(AppKey::parse(&key).is_ok());
        prop_assert!(AppSecret::parse(&secret).is_ok());
    }

    #[test]
    fn template_paths_keep_their_parameters(names in proptest::collection::hash_set("[a-z][a-z0-9]{0,8}", 0..5)) {
        let names: Vec<String> = names.into_iter().collect();
        let uri: String = names.iter().fold(String::new(), |mut acc, n| {
            acc.push_str("/seg/{");
            acc.push_str(n);
            acc.push('}');
            acc
        });
        let uri = if uri.is_empty() { "/".to_owned() } else { uri };
        let parsed = ReqUri::parse(&uri).expect("valid template");
        let got: Vec<&str> = parsed.params().map(ParamName::as_str).collect();
        prop_assert_eq!(got, names.iter().map(String::as_str).collect::<Vec<_>>());
    }
}
