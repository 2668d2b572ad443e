//! The core's problems in the reader's language. English is the core's own message (the same
//! text apig-mock answers in `error_msg`); Chinese is built from the problem's field, code and
//! typed parameters, so both carry the same code and figures.

use apig_core::validate::{Field, Problem};
use apig_core::values::ErrorCode;

use super::Lang;

/// Field labels and code meanings of one language.
pub struct Problems {
    /// A form field's label (the form's own wording).
    pub field: fn(Field) -> &'static str,
    /// What a code means, in a sentence.
    pub code: fn(ErrorCode) -> &'static str,
    /// What to do about a format error of a field (empty where there is no general advice).
    pub hint: fn(Field) -> &'static str,
}

pub const EN: Problems = Problems {
    field: Field::label,
    code: ErrorCode::meaning,
    hint: |_| "",
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
    hint: |field| match field {
        Field::InstanceName => {
            "请输入3–64个字符：以英文字母或中文开头，只能包含中文、英文字母、数字、中划线（-）和下划线（_）。"
        }
        Field::Description => "最多255个字符，不能包含 < 或 >。",
        Field::Edition => "请选择基础版、专业版、企业版或铂金版。",
        Field::MaintainBegin | Field::MaintainEnd => {
            "请从六个时间窗中选择一个：02–06、06–10、10–14、14–18、18–22 或 22–02。"
        }
        Field::AvailableZones => "请至少选择该区域的一个可用区。",
        Field::IngressBandwidth => "请输入5到2000之间的整数（Mbit/s）。",
        Field::OutboundBandwidth => "请输入1到2000之间的整数（Mbit/s）。",
        Field::Tags => "键：1–128个字符，不能以 _sys_ 开头；值：0–255个字符。",
        Field::VpcepServiceName => "最多16个英文字母、数字、中划线（-）或下划线（_）。",
        Field::InstanceId => "请留空，或输入32个小写十六进制字符。",
        Field::SecurityGroup => "请选择与虚拟私有云相同的安全组。",
        Field::EnterpriseProject => "请选择一个企业项目。",
        Field::Vpc | Field::Subnet => "请选择该区域的虚拟私有云和子网。",
        Field::Eip => "请选择一个未绑定的弹性IP地址。",
        Field::Region
        | Field::Account
        | Field::IngressPort
        | Field::IngressPortProtocol
        | Field::FeatureName
        | Field::FeatureConfig => "",
    },
};

/// The label of `field` in `lang`.
pub fn field_label(lang: Lang, field: Field) -> &'static str {
    (lang.texts().problems.field)(field)
}

/// One problem in `lang`: English as the core says it, Chinese from its field, code and hint;
/// both end with the code.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    match lang {
        Lang::En => format!("{} ({})", problem.message, problem.code.as_str()),
        Lang::Zh => {
            let t = &lang.texts().problems;
            // The field's advice fits format errors; a duplicate or a refusal has none.
            let hint = if matches!(
                problem.code,
                ErrorCode::InvalidParameter
                    | ErrorCode::MaintainWindowLength
                    | ErrorCode::MaintainWindowHour
                    | ErrorCode::AzMissing
                    | ErrorCode::SpecNotFound
            ) {
                (t.hint)(problem.field)
            } else {
                ""
            };
            let field = (t.field)(problem.field);
            let code = (t.code)(problem.code);
            format!("{field}：{code}。{hint}（{}）", problem.code.as_str())
        }
    }
}

/// Every problem in `lang`, joined by spaces.
pub fn problems_text(lang: Lang, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| problem_text(lang, p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One problem with its field named first (the Chinese text names it already).
pub fn problem_with_field(lang: Lang, problem: &Problem) -> String {
    match lang {
        Lang::En => format!("{}: {}", problem.field.label(), problem_text(lang, problem)),
        Lang::Zh => problem_text(lang, problem),
    }
}
