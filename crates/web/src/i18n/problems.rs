//! The core's problems in the reader's language, as one plain sentence each (the code goes
//! beside it as a tag, [`crate::components::ProblemLine`]). English is the core's own message
//! (what apig-mock answers in `error_msg`, before the parameter name); Chinese is built from the
//! problem's typed reason (every offending character and figure) or, for a refusal, from its
//! field and code.

use apig_core::validate::{Field, Problem, Subject};
use apig_core::values::{CharSet, CharWords, ErrorCode, ValueError};

use super::Lang;

/// Field labels and code meanings of one language.
pub struct Problems {
    /// A form field's label (the form's own wording).
    pub field: fn(Field) -> &'static str,
    /// What a code means, in a sentence.
    pub code: fn(ErrorCode) -> &'static str,
}

pub const EN: Problems = Problems {
    field: Field::label,
    code: ErrorCode::meaning,
};

pub const ZH: Problems = Problems {
    field: |field| match field {
        Field::Region => "区域",
        Field::AvailableZones => "可用区",
        Field::InstanceName => "实例名称",
        Field::Edition => "实例规格",
        Field::MaintainBegin | Field::MaintainEnd => "可维护时间窗",
        Field::EnterpriseProject => "企业项目",
        Field::Eip | Field::IngressBandwidth => "公网入口",
        Field::OutboundBandwidth => "公网出口",
        Field::Vpc => "虚拟私有云",
        Field::Subnet => "子网",
        Field::SecurityGroup => "安全组",
        Field::Description => "描述",
        Field::Tags => "标签",
        Field::VpcepServiceName => "终端节点服务名称",
        Field::InstanceId => "实例ID",
        Field::IngressPort => "自定义入口端口",
        Field::IngressPortProtocol => "入口端口协议",
        Field::TagAction => "标签操作",
        Field::FeatureName => "特性名称",
        Field::FeatureConfig => "特性配置",
        Field::Account => "账号",
    },
    code: |code| match code {
        ErrorCode::SignatureRejected => "IAM认证信息错误",
        ErrorCode::ApiNotFound => "API不存在或未发布到环境中",
        ErrorCode::BodyTooLarge => "请求体过大",
        ErrorCode::NoPermission => "没有权限请求此方法",
        ErrorCode::ForeignProject => "项目不属于此访问密钥的账号",
        ErrorCode::InvalidParameter => "参数值不符合规则",
        ErrorCode::MaintainWindowLength => "可维护时间窗必须为4小时",
        ErrorCode::MaintainWindowHour => "可维护时间窗必须从02、06、10、14、18或22时开始",
        ErrorCode::AzMissing => "请指定可用区",
        ErrorCode::EnterpriseProjectRequired => "企业账号必须指定企业项目",
        ErrorCode::WrongMode => "实例不支持此负载均衡模式",
        ErrorCode::BandwidthNotUpdatable => "带宽无法更新",
        ErrorCode::SpecNotFound => "实例规格不存在",
        ErrorCode::InstanceNotFound | ErrorCode::GatewayDoesNotExist => "实例不存在",
        ErrorCode::SecurityGroupNotInVpc => "安全组不属于该虚拟私有云",
        ErrorCode::NoAvailableZones => "该区域没有可用区",
        ErrorCode::QuotaExceeded => "实例数量已达配额上限",
        ErrorCode::TooManyTags => "标签数量已达上限",
        ErrorCode::TooManyIngressPorts => "自定义入口端口数量已达上限",
        ErrorCode::ScaleUpUnsupported => "实例不支持此规格变更",
        ErrorCode::SameSpec => "实例已是此规格",
        ErrorCode::ScaleUpFailed => "实例规格变更失败：子网可用地址不足",
        ErrorCode::DuplicateName => "实例名称已存在",
        ErrorCode::DuplicateId => "实例ID已存在",
        ErrorCode::StatusConflict => "实例状态不允许此操作",
        ErrorCode::AlreadyEnabled => "公网访问已开启",
        ErrorCode::CreateFailed => "创建实例失败",
        ErrorCode::DisableOutboundFailed => "关闭公网出口失败",
        ErrorCode::EipCreateFailed => "创建弹性IP地址失败",
        ErrorCode::InsufficientQuota => "创建实例失败：配额不足",
        ErrorCode::InsufficientResources => "创建实例失败：资源不足",
        ErrorCode::SystemError => "系统错误",
        ErrorCode::ApigInvalidParameter => "参数值无效",
        ErrorCode::PathParameterUndefined => "请求路径参数未定义",
        ErrorCode::BackendPathParameterUndefined => "后端路径参数未定义",
        ErrorCode::MappedParameterUndefined => "映射的请求参数未定义",
        ErrorCode::GroupDoesNotExist => "API分组不存在",
        ErrorCode::ApiDoesNotExist => "API不存在",
        ErrorCode::EnvironmentDoesNotExist => "环境不存在",
        ErrorCode::AppDoesNotExist => "应用不存在",
        ErrorCode::AuthorizationDoesNotExist => "API授权记录不存在",
        ErrorCode::PublicationDoesNotExist => "API发布记录不存在",
        ErrorCode::DomainDoesNotExist => "域名不存在",
        ErrorCode::GroupQuota => "API分组数量已达上限",
        ErrorCode::ApiQuota => "API数量已达上限",
        ErrorCode::AppQuota => "应用数量已达上限",
        ErrorCode::EnvironmentQuota => "环境数量已达上限",
        ErrorCode::DomainQuota => "独立域名数量已达上限",
        ErrorCode::ParameterQuota => "API参数数量已达上限",
        ErrorCode::ApiTagQuota => "API标签数量已达上限",
        ErrorCode::ApisPerGroupQuota => "API分组内的API数量已达上限",
        ErrorCode::GroupNameExists => "API分组名称已存在",
        ErrorCode::ApiNameExists => "API名称已存在",
        ErrorCode::AppNameExists => "应用名称已存在",
        ErrorCode::EnvironmentNameExists => "环境名称已存在",
        ErrorCode::ApiExists => "API已存在",
        ErrorCode::AppKeyExists => "AppKey已存在",
        ErrorCode::AuthorizationExists => "API授权记录已存在",
        ErrorCode::GroupHasApis => "API分组下存在API，无法删除",
        ErrorCode::EnvironmentHasPublishedApis => "环境中存在已发布的API",
        ErrorCode::GatewayApiNotFound => "API不存在或未在该环境中发布",
        ErrorCode::AppAuthFailed => "APP认证信息错误",
        ErrorCode::AppNotAuthorized => "应用未被授权访问该API",
        ErrorCode::Throttled => "已达到流控阈值",
        ErrorCode::BackendUnavailable => "后端不可用",
        ErrorCode::BackendTimeout => "后端超时",
        ErrorCode::DebugBadRequest => "调试API的请求错误",
    },
};

/// The label of `field` in `lang`.
pub fn field_label(lang: Lang, field: Field) -> &'static str {
    (lang.texts().problems.field)(field)
}

/// One problem in `lang`, as a sentence without its code.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    match lang {
        Lang::En => problem.message.clone(),
        Lang::Zh => {
            if let Some(reason) = &problem.reason {
                format!(
                    "{}{}。",
                    zh_subject(&reason.subject),
                    zh_value_error(&reason.error)
                )
            } else {
                let t = &lang.texts().problems;
                format!("{}：{}。", (t.field)(problem.field), (t.code)(problem.code))
            }
        }
    }
}

/// What a format problem is about, in Chinese.
fn zh_subject(subject: &Subject) -> String {
    match subject {
        Subject::Field(field) => (ZH.field)(*field).to_owned(),
        Subject::TagKey(n) => format!("第{n}个标签的键"),
        Subject::TagValue(n) => format!("第{n}个标签的值"),
        Subject::TagList => "标签列表".to_owned(),
        Subject::Az(code) => format!("可用区“{code}”"),
    }
}

/// Characters listed in Chinese: "空格、“.”或“!”".
const ZH_CHARS: CharWords = CharWords {
    space: "空格",
    tab: "制表符",
    line_break: "换行符",
    comma: "、",
    or: "或",
};

/// A set of characters a value may contain, in Chinese (empty for "anything but").
const fn zh_char_set(set: CharSet) -> &'static str {
    match set {
        CharSet::GatewayName => "中文、英文字母、数字、中划线（-）和下划线（_）",
        CharSet::Word => "英文字母、数字、中划线（-）和下划线（_）",
        CharSet::AzCode => "小写英文字母、数字和中划线（-）",
        CharSet::Hex => "十六进制数字0–9和a–f",
        CharSet::TagKey => "字母、数字、空格和 _ . : = + - @",
        CharSet::TagValue => "字母、数字、空格和 _ . : = + - @ /",
        CharSet::AllBut => "",
    }
}

/// A value error as a Chinese predicate (after its subject, before "。").
fn zh_value_error(error: &ValueError) -> String {
    match error {
        ValueError::Missing => "为必填项".to_owned(),
        ValueError::Length { min, max, actual } if min == max => {
            format!("有{actual}个字符，应为{max}个")
        }
        ValueError::Length {
            min: 0 | 1,
            max,
            actual,
        } => format!("有{actual}个字符，最多{max}个"),
        ValueError::Length { min, max, actual } => {
            format!("有{actual}个字符，应为{min}到{max}个")
        }
        ValueError::FirstChar(c) => {
            format!("以{}开头，请以英文字母或中文开头", ZH_CHARS.list(&[*c]))
        }
        ValueError::BadChars { chars, allowed } => {
            let list = ZH_CHARS.list(chars);
            match zh_char_set(*allowed) {
                "" => format!("不能包含{list}"),
                set => format!("不能包含{list}，只能包含{set}"),
            }
        }
        ValueError::Reserved(prefix) => format!("不能以系统保留的{prefix}开头"),
        ValueError::NotOneOf { given, allowed } => {
            format!("不能为“{given}”，请从{allowed}中选择")
        }
        ValueError::TimeFormat(given) => {
            format!("为“{given}”，请按HH:00:00填写，如22:00:00")
        }
        ValueError::WindowHour(hour) => {
            format!("不能从{hour:02}:00开始，请选择02、06、10、14、18或22时")
        }
        ValueError::WindowLength { expected } => {
            format!("必须在开始4小时后结束，即{expected}")
        }
        ValueError::NotANumber(given) => format!("为“{given}”，请输入整数"),
        ValueError::OutOfRange { min, max, actual } => {
            format!("为{actual}，请输入{min}到{max}之间的整数")
        }
        ValueError::TooMany { max, actual } => format!("有{actual}项，最多{max}项"),
        ValueError::Duplicate(item) => format!("中“{item}”重复，请只保留一个"),
    }
}

/// Every problem in `lang`, each with its code, joined by spaces (for a line of text; the
/// console shows the codes as tags, [`split_code`]).
pub fn problems_text(lang: Lang, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| problem_coded(lang, p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One problem in `lang` followed by its code: "… (APIC.7211)", "…（APIC.7211）".
pub fn problem_coded(lang: Lang, problem: &Problem) -> String {
    with_code(lang, &problem_text(lang, problem), problem.code.as_str())
}

/// A sentence followed by its code, as [`split_code`] reads it back.
pub fn with_code(lang: Lang, text: &str, code: &str) -> String {
    match lang {
        Lang::En => format!("{text} ({code})"),
        Lang::Zh => format!("{text}（{code}）"),
    }
}

/// A text of [`with_code`]'s making split into its sentence and the code at its end (the last
/// one, where several problems are joined), so the code can be shown as a tag; `None` where
/// the text does not end with a code.
pub fn split_code(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    for (open, close) in [(" (", ")"), ("（", "）")] {
        if let Some(inner_end) = trimmed.strip_suffix(close)
            && let Some(at) = inner_end.rfind(open)
        {
            let code = &inner_end[at + open.len()..];
            if is_code(code) {
                return (&trimmed[..at], Some(code));
            }
        }
    }
    (text, None)
}

/// `APIC.7211`, `APIG.0101`, `APIGW.0301`: upper-case letters, a dot, four digits.
fn is_code(s: &str) -> bool {
    s.split_once('.').is_some_and(|(prefix, digits)| {
        !prefix.is_empty()
            && prefix.bytes().all(|b| b.is_ascii_uppercase())
            && digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// One problem with its field named first where the sentence does not start with it.
pub fn problem_with_field(lang: Lang, problem: &Problem) -> String {
    let text = problem_text(lang, problem);
    let label = field_label(lang, problem.field);
    if text.starts_with(label) || problem.field == Field::Account {
        text
    } else {
        match lang {
            Lang::En => format!("{label}: {text}"),
            Lang::Zh => format!("{label}：{text}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, problem_coded, problem_text, split_code};
    use apig_core::validate::{Draft, Field, Problem, validate};
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    /// The problems of a default draft with a bad name and a bad description.
    fn bad_name_problems() -> Vec<Problem> {
        let draft = Draft {
            instance_name: "1 a.b!".into(),
            description: "<b>".into(),
            ..Draft::default()
        };
        let account = apig_core::Account::default_seed();
        validate(&draft, &account, &[], 0).expect_err("invalid")
    }

    fn of(problems: &[Problem], field: Field) -> &Problem {
        problems
            .iter()
            .find(|p| p.field == field)
            .expect("a problem")
    }

    #[wasm_bindgen_test]
    fn chinese_names_every_offending_character_too() {
        let ps = bad_name_problems();
        let name = of(&ps, Field::InstanceName);
        assert_eq!(
            problem_text(Lang::En, name),
            "Gateway Name cannot contain a space, “.” or “!”; use only letters, digits, Chinese \
             characters, - and _."
        );
        assert_eq!(
            problem_text(Lang::Zh, name),
            "实例名称不能包含空格、“.”或“!”，只能包含中文、英文字母、数字、中划线（-）和下划线（_）。"
        );
        assert_eq!(
            problem_text(Lang::Zh, of(&ps, Field::Description)),
            "描述不能包含“<”或“>”。"
        );
    }

    #[wasm_bindgen_test]
    fn the_code_goes_beside_the_sentence_and_splits_off_as_a_tag() {
        let ps = bad_name_problems();
        let name = of(&ps, Field::InstanceName);
        for lang in [Lang::En, Lang::Zh] {
            let coded = problem_coded(lang, name);
            assert_eq!(
                split_code(&coded),
                (problem_text(lang, name).as_str(), Some("APIC.7211"))
            );
            assert!(!coded.contains("parameter name"), "{coded}");
        }
        assert_eq!(
            split_code("No code here (see below)"),
            ("No code here (see below)", None)
        );
        assert_eq!(
            split_code("Gone. (APIC.7302)"),
            ("Gone.", Some("APIC.7302"))
        );
    }
}
