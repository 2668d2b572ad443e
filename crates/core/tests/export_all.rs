//! Exports: snapshots of each for a realistic request, quoting that survives hostile text, and
//! importing the JSON body back.

use apig_core::api::{CreateInstanceV2Request, Tag};
use apig_core::export::{
    ExportContext, ImportError, curl, export_all, hcl_string, import_create_body, json_body,
    koocli, shell_quote, terraform,
};
use proptest::prelude::*;

const PROJECT: &str = "0123456789abcdef0123456789abcdef";

fn context() -> ExportContext {
    ExportContext::new("cn-north-4", PROJECT)
}

fn realistic() -> CreateInstanceV2Request {
    CreateInstanceV2Request {
        instance_name: "apig-prod-01".to_owned(),
        spec_id: "PROFESSIONAL".to_owned(),
        vpc_id: "3f5a1c2e-8b9d-4e7f-a6c5-0d1e2f3a4b5c".to_owned(),
        subnet_id: "7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f".to_owned(),
        security_group_id: "9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b".to_owned(),
        available_zone_ids: vec!["cn-north-4a".to_owned(), "cn-north-4b".to_owned()],
        description: Some("Production gateway for the order APIs".to_owned()),
        maintain_begin: Some("22:00:00".to_owned()),
        maintain_end: Some("02:00:00".to_owned()),
        enterprise_project_id: Some("0".to_owned()),
        bandwidth_size: Some(5),
        bandwidth_charging_mode: Some("bandwidth".to_owned()),
        ingress_bandwidth_size: Some(10),
        ingress_bandwidth_charging_mode: Some("bandwidth".to_owned()),
        tags: Some(vec![
            Tag {
                key: "env".to_owned(),
                value: "prod".to_owned(),
            },
            Tag {
                key: "cost-center".to_owned(),
                value: "4711".to_owned(),
            },
        ]),
        ..CreateInstanceV2Request::default()
    }
}

/// An LVS-region request with a chosen EIP and a description full of shell and HCL hazards.
fn hostile() -> CreateInstanceV2Request {
    CreateInstanceV2Request {
        instance_name: "网关-demo".to_owned(),
        spec_id: "BASIC".to_owned(),
        vpc_id: "vpc-1".to_owned(),
        subnet_id: "subnet-1".to_owned(),
        security_group_id: "sg-1".to_owned(),
        available_zone_ids: vec!["cn-north-1a".to_owned()],
        description: Some(
            r#"It's the "edge" gateway: costs $5 ${var.x} %{if} `id` \ 网关"#.to_owned(),
        ),
        eip_id: Some("c4b2e1a0-9f8e-4d7c-b6a5-948372615049".to_owned()),
        tags: Some(vec![Tag {
            key: "owner's team".to_owned(),
            value: String::new(),
        }]),
        ..CreateInstanceV2Request::default()
    }
}

/// Splits a command the way a POSIX shell does for the forms the exports use: `\`-newline
/// continuations, blanks between words, `'…'` quoting, `\x` escapes outside quotes and `#`
/// comments at the start of a line.
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars().peekable();
    let mut at_line_start = true;
    while let Some(ch) = chars.next() {
        match ch {
            '#' if at_line_start && word.is_none() => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
                continue;
            }
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(escaped) => word.get_or_insert_with(String::new).push(escaped),
            },
            '\'' => {
                let current = word.get_or_insert_with(String::new);
                for quoted in chars.by_ref() {
                    if quoted == '\'' {
                        break;
                    }
                    current.push(quoted);
                }
            }
            ' ' | '\t' | '\n' => {
                if let Some(done) = word.take() {
                    words.push(done);
                }
            }
            other => word.get_or_insert_with(String::new).push(other),
        }
        at_line_start = ch == '\n';
    }
    words.extend(word);
    words
}

/// Reads back a `"…"` HCL literal written by `hcl_string`, as HCL's scanner does: `$${` and
/// `%%{` are literal `${` / `%{`, and a bare `${` or `%{` would be a live template.
fn hcl_unescape(literal: &str) -> String {
    let chars: Vec<char> = literal.chars().collect();
    assert!(chars.len() >= 2 && chars[0] == '"' && chars[chars.len() - 1] == '"');
    let inner = &chars[1..chars.len() - 1];
    let mut text = String::new();
    let mut index = 0;
    while index < inner.len() {
        let ch = inner[index];
        let next = inner.get(index + 1).copied();
        match ch {
            '"' => panic!("an unescaped quote in {literal}"),
            '\\' => {
                match next {
                    Some('n') => text.push('\n'),
                    Some('r') => text.push('\r'),
                    Some('t') => text.push('\t'),
                    Some('u') => {
                        let code: String = inner[index + 2..index + 6].iter().collect();
                        let value = u32::from_str_radix(&code, 16).unwrap();
                        text.push(char::from_u32(value).unwrap());
                        index += 4;
                    }
                    Some(other) => text.push(other),
                    None => panic!("dangling backslash in {literal}"),
                }
                index += 2;
            }
            '$' | '%' if next == Some(ch) && inner.get(index + 2) == Some(&'{') => {
                text.push(ch);
                index += 2;
            }
            '$' | '%' if next == Some('{') => panic!("a live template sequence in {literal}"),
            other => {
                text.push(other);
                index += 1;
            }
        }
    }
    text
}

#[test]
fn snapshot_json_body() {
    insta::assert_snapshot!(json_body(&realistic()).unwrap());
}

#[test]
fn snapshot_terraform() {
    insta::assert_snapshot!(terraform(&realistic(), &context()));
}

#[test]
fn snapshot_koocli() {
    insta::assert_snapshot!(koocli(&realistic(), &context()));
}

#[test]
fn snapshot_curl() {
    insta::assert_snapshot!(curl(&realistic(), &context()).unwrap());
}

#[test]
fn snapshot_hostile_exports() {
    let exports = export_all(&hostile(), &ExportContext::new("cn-north-1", PROJECT)).unwrap();
    insta::assert_snapshot!("hostile_terraform", exports.terraform);
    insta::assert_snapshot!("hostile_koocli", exports.koocli);
    insta::assert_snapshot!("hostile_curl", exports.curl);
}

#[test]
fn koocli_words_carry_the_exact_values() {
    let request = hostile();
    let words = shell_words(&koocli(
        &request,
        &ExportContext::new("cn-north-1", PROJECT),
    ));
    assert_eq!(words[..3], ["hcloud", "APIG", "CreateInstanceV2"]);
    let description = request.description.clone().unwrap();
    assert!(words.contains(&"--cli-region=cn-north-1".to_owned()));
    assert!(words.contains(&format!("--project_id={PROJECT}")));
    assert!(words.contains(&"--instance_name=网关-demo".to_owned()));
    assert!(words.contains(&"--available_zone_ids.1=cn-north-1a".to_owned()));
    assert!(words.contains(&format!("--description={description}")));
    assert!(words.contains(&"--tags.1.key=owner's team".to_owned()));
    assert!(words.contains(&"--tags.1.value=".to_owned()));
}

#[test]
fn curl_words_carry_the_exact_body() {
    let request = hostile();
    let context = ExportContext::new("cn-north-1", PROJECT);
    let words = shell_words(&curl(&request, &context).unwrap());
    assert_eq!(
        words,
        [
            "curl",
            "-X",
            "POST",
            &format!("https://apig.cn-north-1.myhuaweicloud.com/v2/{PROJECT}/apigw/instances"),
            "-H",
            "Content-Type: application/json",
            "-H",
            &format!("X-Project-Id: {PROJECT}"),
            "--data-raw",
            &serde_json::to_string(&request).unwrap(),
        ]
    );
    assert_eq!(import_create_body(&words[9]).unwrap(), request);
}

#[test]
fn curl_names_the_signing_it_needs() {
    let text = curl(&realistic(), &context()).unwrap();
    assert!(
        text.starts_with("# sign with SDK-HMAC-SHA256 (AK/SK)"),
        "{text}"
    );
}

#[test]
fn terraform_strings_stay_literal() {
    let request = hostile();
    let block = terraform(&request, &ExportContext::new("cn-north-1", PROJECT));
    let line = block
        .lines()
        .find(|line| line.trim_start().starts_with("description"))
        .unwrap();
    let literal = line.split_once(" = ").unwrap().1;
    assert_eq!(hcl_unescape(literal), request.description.unwrap());
    assert!(
        block.contains("resource \"huaweicloud_apig_instance\" \"demo\" {"),
        "{block}"
    );
    assert!(block.contains("eip_id"), "{block}");
}

#[test]
fn the_json_body_imports_back() {
    for request in [realistic(), hostile(), CreateInstanceV2Request::default()] {
        let body = json_body(&request).unwrap();
        assert_eq!(import_create_body(&body).unwrap(), request);
    }
}

#[test]
fn import_reports_what_is_wrong() {
    assert_eq!(import_create_body("  \n"), Err(ImportError::Empty));
    let error =
        import_create_body(r#"{"instance_name": "gw", "bandwidth_size": "lots"}"#).unwrap_err();
    match &error {
        ImportError::Invalid(decode) => assert_eq!(decode.field(), Some("bandwidth_size")),
        ImportError::Empty => panic!("not empty"),
    }
    assert!(error.to_string().contains("bandwidth_size"), "{error}");
    assert!(matches!(
        import_create_body("curl -X POST"),
        Err(ImportError::Invalid(_))
    ));
    // Unknown keys are ignored, as the service does.
    let imported = import_create_body(r#"{"instance_name": "gw", "charging_mode": 1}"#).unwrap();
    assert_eq!(imported.instance_name, "gw");
}

#[test]
fn an_emulator_host_can_replace_the_endpoint() {
    let context = context().with_endpoint_host("127.0.0.1:8080");
    assert_eq!(
        context.create_url(),
        format!("https://127.0.0.1:8080/v2/{PROJECT}/apigw/instances")
    );
}

proptest! {
    #[test]
    fn shell_quoting_round_trips(text in any::<String>()) {
        prop_assert_eq!(shell_words(&format!("echo {}", shell_quote(&text))), vec!["echo".to_owned(), text]);
    }

    #[test]
    fn hcl_strings_round_trip(text in any::<String>()) {
        prop_assert_eq!(hcl_unescape(&hcl_string(&text)), text);
    }

    #[test]
    fn import_never_panics(text in any::<String>()) {
        let _ = import_create_body(&text);
    }

    #[test]
    fn descriptions_and_names_survive_every_export(
        name in any::<String>(),
        description in any::<String>(),
        key in any::<String>(),
    ) {
        let request = CreateInstanceV2Request {
            instance_name: name,
            description: Some(description.clone()),
            tags: Some(vec![Tag { key, value: description.clone() }]),
            ..hostile()
        };
        let context = ExportContext::new("cn-north-1", PROJECT);
        let exports = export_all(&request, &context).unwrap();
        prop_assert_eq!(import_create_body(&exports.json).unwrap(), request.clone());
        let words = shell_words(&exports.koocli);
        let expected = format!("--description={description}");
        prop_assert!(words.contains(&expected));
        let curl_words = shell_words(&exports.curl);
        prop_assert_eq!(import_create_body(&curl_words[9]).unwrap(), request);
    }
}
