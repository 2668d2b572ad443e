//! Exports of a create request: the exact `CreateInstanceV2` JSON body, a Terraform
//! `huaweicloud_apig_instance` block, a `KooCLI` command and a curl line — and the way back from a
//! JSON body ([`import_create_body`]). [`ApiCall`] (in `call.rs`) is any call of the API, with its
//! curl and `KooCLI` copies; the create exports are that of the create call.
//!
//! Every value a user typed is quoted for where it lands: shell words in single quotes
//! ([`shell_quote`]), HCL strings with their template sequences escaped ([`hcl_string`]), so a
//! description with `'`, `"`, `$` or `${…}` is copied literally and never interpreted.

mod call;

pub use call::{ApiCall, curl_call, curl_sent, koocli_call};

use crate::api::{CreateInstanceV2Request, DecodeError, decode_json};
use crate::sign::encode_component;

/// Where the request goes: region, project and endpoint host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportContext {
    /// Region ID, e.g. `cn-north-4`.
    pub region: String,
    /// Project ID of the region (path `{project_id}` and header `X-Project-Id`).
    pub project_id: String,
    /// Endpoint host, e.g. `apig.cn-north-4.myhuaweicloud.com`.
    pub endpoint_host: String,
}

impl ExportContext {
    /// A context with the region's public endpoint host ([`endpoint_host`]).
    pub fn new(region: impl Into<String>, project_id: impl Into<String>) -> Self {
        let region = region.into();
        let endpoint_host = endpoint_host(&region);
        Self {
            region,
            project_id: project_id.into(),
            endpoint_host,
        }
    }

    /// The same context with another endpoint host (an emulator such as `127.0.0.1:8080`).
    #[must_use]
    pub fn with_endpoint_host(mut self, endpoint_host: impl Into<String>) -> Self {
        self.endpoint_host = endpoint_host.into();
        self
    }

    /// `https://{host}/v2/{project_id}/apigw/instances`.
    pub fn create_url(&self) -> String {
        format!(
            "https://{}/v2/{}/apigw/instances",
            self.endpoint_host,
            encode_component(&self.project_id)
        )
    }
}

/// The APIG endpoint host of a region: `apig.{region}.myhuaweicloud.com`, except
/// `eu-west-101`, which is served from `myhuaweicloud.eu` (docs/reference.md, Endpoints).
pub fn endpoint_host(region: &str) -> String {
    let domain = if region == "eu-west-101" {
        "myhuaweicloud.eu"
    } else {
        "myhuaweicloud.com"
    };
    format!("apig.{region}.{domain}")
}

/// Why an export could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// `serde_json` refused the request (it cannot for this type; kept so nothing is hidden).
    #[error("the request could not be written as JSON: {0}")]
    Json(String),
}

/// Why a pasted JSON body could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Nothing was pasted.
    #[error("the body is empty; paste the JSON body of a CreateInstanceV2 request")]
    Empty,
    /// The text is not a create body (not JSON, not an object, or a field of the wrong type).
    #[error(transparent)]
    Invalid(#[from] DecodeError),
}

/// All four exports of one request, for the console's export panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exports {
    /// [`json_body`].
    pub json: String,
    /// [`terraform`].
    pub terraform: String,
    /// [`koocli`].
    pub koocli: String,
    /// [`curl`].
    pub curl: String,
}

/// Writes every export of a request.
pub fn export_all(
    request: &CreateInstanceV2Request,
    context: &ExportContext,
) -> Result<Exports, ExportError> {
    Ok(Exports {
        json: json_body(request)?,
        terraform: terraform(request, context),
        koocli: koocli(request, context),
        curl: curl(request, context)?,
    })
}

/// The exact request body, pretty-printed (two-space indent, fields in the order of
/// docs/reference.md, Create request, unset optional fields left out).
pub fn json_body(request: &CreateInstanceV2Request) -> Result<String, ExportError> {
    serde_json::to_string(request)
        .map(|compact| indent_json(&compact))
        .map_err(|error| ExportError::Json(error.to_string()))
}

/// Re-indents compact JSON (as `serde_json::to_string` writes it) exactly as
/// `serde_json::to_string_pretty` would have written it: two-space indent, `": "` after keys,
/// `[]` and `{}` for empty containers.
///
/// The console needs pretty JSON in two places; serialising once compactly and re-indenting
/// the text keeps a second, pretty-printing copy of every `Serialize` impl out of the wasm.
pub fn indent_json(compact: &str) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// Reads a pasted `CreateInstanceV2` JSON body. Unknown keys are ignored (as by the service);
/// a value of the wrong type is an error naming its field. `import(json_body(r)) == r`.
pub fn import_create_body(text: &str) -> Result<CreateInstanceV2Request, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(decode_json(text.as_bytes())?)
}

/// A `resource "huaweicloud_apig_instance"` block with the provider's argument names
/// (`name`, `edition`, `availability_zones`, …), aligned like `terraform fmt`.
///
/// `maintain_end` is computed by the provider from `maintain_begin`, and `instance_id` and
/// `bandwidth_charging_mode` are not arguments of the resource, so they are left out.
pub fn terraform(request: &CreateInstanceV2Request, context: &ExportContext) -> String {
    let text = |value: &str| hcl_string(value);
    let mut attributes: Vec<(&str, String)> = vec![
        ("region", text(&context.region)),
        ("name", text(&request.instance_name)),
        ("edition", text(&request.spec_id)),
        ("vpc_id", text(&request.vpc_id)),
        ("subnet_id", text(&request.subnet_id)),
        ("security_group_id", text(&request.security_group_id)),
        (
            "availability_zones",
            format!(
                "[{}]",
                request
                    .available_zone_ids
                    .iter()
                    .map(|code| hcl_string(code))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    ];
    let optional_texts = [
        ("description", &request.description),
        ("maintain_begin", &request.maintain_begin),
        ("enterprise_project_id", &request.enterprise_project_id),
        ("eip_id", &request.eip_id),
    ];
    for (name, value) in optional_texts {
        if let Some(value) = value {
            attributes.push((name, text(value)));
        }
    }
    if let Some(size) = request.bandwidth_size {
        attributes.push(("bandwidth_size", size.to_string()));
    }
    if let Some(size) = request.ingress_bandwidth_size {
        attributes.push(("ingress_bandwidth_size", size.to_string()));
    }
    if let Some(mode) = &request.ingress_bandwidth_charging_mode {
        attributes.push(("ingress_bandwidth_charging_mode", text(mode)));
    }
    if let Some(enabled) = request.ipv6_enable {
        attributes.push(("ipv6_enable", enabled.to_string()));
    }
    if let Some(provider) = &request.loadbalancer_provider {
        attributes.push(("loadbalancer_provider", text(provider)));
    }
    if let Some(name) = &request.vpcep_service_name {
        attributes.push(("vpcep_service_name", text(name)));
    }

    let mut block = format!(
        "resource \"huaweicloud_apig_instance\" \"{}\" {{\n",
        terraform_label(&request.instance_name)
    );
    push_aligned(&mut block, "  ", &attributes);
    if let Some(tags) = request.tags.as_ref().filter(|tags| !tags.is_empty()) {
        let entries: Vec<(String, String)> = tags
            .iter()
            .map(|tag| (hcl_string(&tag.key), hcl_string(&tag.value)))
            .collect();
        block.push_str("\n  tags = {\n");
        push_aligned(&mut block, "    ", &entries);
        block.push_str("  }\n");
    }
    block.push_str("}\n");
    block
}

/// Writes `name = value` lines with the `=` signs aligned, as `terraform fmt` does.
fn push_aligned<N: AsRef<str>>(block: &mut String, indent: &str, lines: &[(N, String)]) {
    let width = lines
        .iter()
        .map(|(name, _)| name.as_ref().chars().count())
        .max()
        .unwrap_or(0);
    for (name, value) in lines {
        let name = name.as_ref();
        let padding = width - name.chars().count();
        block.push_str(indent);
        block.push_str(name);
        block.push_str(&" ".repeat(padding));
        block.push_str(" = ");
        block.push_str(value);
        block.push('\n');
    }
}

/// The Terraform resource name for a gateway name: lower-case ASCII letters and digits, other
/// characters as single `_`, never starting with a digit; `gateway` when nothing is left.
pub fn terraform_label(instance_name: &str) -> String {
    let mut label = String::new();
    for ch in instance_name.chars() {
        if ch.is_ascii_alphanumeric() {
            label.push(ch.to_ascii_lowercase());
        } else if !label.is_empty() && !label.ends_with('_') {
            label.push('_');
        }
    }
    let label = label.trim_end_matches('_');
    match label.chars().next() {
        None => "gateway".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("gateway_{label}"),
        Some(_) => label.to_owned(),
    }
}

/// A `KooCLI` command: `hcloud APIG CreateInstanceV2 --cli-region=… --project_id=… --instance_name=…`,
/// arrays as `--available_zone_ids.1=…`, tags as `--tags.1.key=… --tags.1.value=…`, one option
/// per line, every value shell-quoted ([`koocli_call`] of the create call).
pub fn koocli(request: &CreateInstanceV2Request, context: &ExportContext) -> String {
    koocli_call(
        &ApiCall::create_instance(&context.project_id, request),
        context,
    )
    .unwrap_or_default()
}

/// A curl command that POSTs the compact JSON body to the create URL, preceded by a comment
/// saying that the request still has to be signed (docs/reference.md, Signing): curl cannot compute
/// `SDK-HMAC-SHA256` itself ([`curl_call`] of the create call).
pub fn curl(
    request: &CreateInstanceV2Request,
    context: &ExportContext,
) -> Result<String, ExportError> {
    Ok(curl_call(
        &ApiCall::create_instance(&context.project_id, request),
        context,
    ))
}

/// Quotes one word for a POSIX shell: left bare when it only has characters no shell treats
/// specially (`A-Z a-z 0-9 _ - . , : / @ % + =`), otherwise wrapped in single quotes with each
/// embedded `'` written as `'\''`. The empty word is `''`.
pub fn shell_quote(word: &str) -> String {
    let bare = !word.is_empty()
        && word
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"_-.,:/@%+=".contains(&byte));
    if bare {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Writes a quoted HCL string literal: `"` and `\` escaped, control characters as `\n`, `\r`,
/// `\t` or `\uXXXX`, and the template openers `${` and `%{` doubled (`$${`, `%%{`) so they stay
/// literal text.
pub fn hcl_string(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                literal.push(ch);
                literal.push(ch);
            }
            ch if ch.is_control() => {
                // Control characters are all below U+00A0, so four hex digits always suffice.
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = u32::from(ch);
                literal.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    literal.push(char::from(HEX[(code >> shift & 0xf) as usize]));
                }
            }
            ch => literal.push(ch),
        }
    }
    literal.push('"');
    literal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_hosts() {
        assert_eq!(
            endpoint_host("cn-north-4"),
            "apig.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            endpoint_host("eu-west-101"),
            "apig.eu-west-101.myhuaweicloud.eu"
        );
    }

    #[test]
    fn indents_like_serde_json_pretty() {
        let cases = [
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!({"a": [], "b": {}, "c": [1, 2, {"d": null}], "e": true}),
            serde_json::json!([{"k": "quote \" brace { bracket ] colon : comma ,"}, "\\", "é 网关"]),
            serde_json::json!({"nested": {"deeper": {"deepest": [[], [[]], {"x": -1.5e10}]}}}),
            serde_json::json!("a lone string"),
            serde_json::json!(42),
        ];
        for value in cases {
            let compact = serde_json::to_string(&value).unwrap();
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            assert_eq!(indent_json(&compact), pretty, "for {compact}");
        }
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_quote("cn-north-4a"), "cn-north-4a");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
        assert_eq!(shell_quote("网关"), "'网关'");
    }

    #[test]
    fn hcl_strings() {
        assert_eq!(hcl_string("plain"), "\"plain\"");
        assert_eq!(hcl_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            hcl_string("${var.x} %{if} $5 %d"),
            r#""$${var.x} %%{if} $5 %d""#
        );
        assert_eq!(hcl_string("l1\nl2\u{7}"), r#""l1\nl2\u0007""#);
        assert_eq!(hcl_string("网关"), "\"网关\"");
    }

    #[test]
    fn terraform_labels() {
        assert_eq!(terraform_label("apig-prod-01"), "apig_prod_01");
        assert_eq!(terraform_label("Gateway_网关_2"), "gateway_2");
        assert_eq!(terraform_label("网关"), "gateway");
        assert_eq!(terraform_label("1st"), "gateway_1st");
        assert_eq!(terraform_label(""), "gateway");
    }
}
