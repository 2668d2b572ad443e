//! The check panel's lines in Chinese, rendered from the core's typed [`Line`]s (English is
//! the core's own `Display`).

use apig_core::precheck::{CheckKind, Line, MissingGrant};

use super::Lang;
use super::shell::edition_zh;

fn ports(list: &[u16]) -> String {
    list.iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" 和 ")
}

fn free_list(free: &[String]) -> String {
    if free.is_empty() {
        "没有未绑定的弹性IP地址；请解绑一个，或关闭公网入口".to_owned()
    } else {
        format!("未绑定：{}", free.join("、"))
    }
}

/// One line of a check in `lang`.
pub fn line_text(lang: Lang, line: &Line) -> String {
    match lang {
        Lang::En => line.to_string(),
        Lang::Zh => line_zh(line),
    }
}

#[allow(clippy::too_many_lines)]
fn line_zh(line: &Line) -> String {
    const CREATE: &str = apig_core::precheck::CREATE_ACTION;
    match line {
        Line::NeedRegion { check } => match check {
            CheckKind::Quota => "请选择区域以检查配额。",
            CheckKind::Permission => "请选择区域。",
            CheckKind::SubnetCapacity => "请选择区域以检查子网容量。",
            CheckKind::SecurityGroup => "请选择区域以检查安全组。",
            CheckKind::Eip => "请选择区域以检查公网入口。",
        }
        .to_owned(),
        Line::QuotaUsed { used, limit } => format!("已使用 {used} / {limit} 个实例"),
        Line::QuotaNext {
            number,
            limit,
            region,
        } => format!("这将是 {region} 项目中的第 {number} / {limit} 个实例。"),
        Line::QuotaCountsAll => "无论状态如何（包括创建失败的实例），每个实例都计入配额。".to_owned(),
        Line::QuotaRaise { region, limit } => format!(
            "请删除 {region} 中的一个实例，或提高配额 {limit}（真实云上需提交工单，这里在沙箱页面）。"
        ),
        Line::AllowedByRole { role } => format!("{role} 允许 {CREATE}"),
        Line::AllowedByPolicy { policy } => format!("自定义策略 {policy} 允许 {CREATE}"),
        Line::DeniedByPolicy { policy } => format!("自定义策略 {policy} 拒绝 {CREATE}"),
        Line::DenyWins => "显式拒绝优先于所有允许，包括 APIG FullAccess。".to_owned(),
        Line::RemoveDeny { policy } => {
            format!("请从 {policy} 的拒绝语句中移除 {CREATE}（或匹配它的通配符）。")
        }
        Line::NotGranted => format!("未授予 {CREATE}"),
        Line::ReadOnlyNote => "APIG ReadOnlyAccess 只允许查询和列表操作。".to_owned(),
        Line::NeedsApigAndVpc => "创建实例需要APIG操作权限和VPC操作权限（端口、安全组）。".to_owned(),
        Line::Grant { missing } => match missing {
            MissingGrant::VpcAdministrator => {
                "请授予 VPC Administrator 角色（只有 APIG Administrator 无法创建实例所需的VPC端口）。"
            }
            MissingGrant::ApigAdministrator => {
                "请授予 APIG Administrator 角色（VPC Administrator 不包含APIG操作权限）。"
            }
            MissingGrant::Any => {
                "请授予 APIG Administrator 和 VPC Administrator，或 APIG FullAccess，或允许 apig:instances:create 的自定义策略。"
            }
        }
        .to_owned(),
        Line::NeedSubnet => "请选择子网以检查容量。".to_owned(),
        Line::SubnetNotFound { subnet, region } => format!("{region} 中没有子网 {subnet}"),
        Line::ChooseSubnetOfVpc => "请选择所选虚拟私有云中的子网。".to_owned(),
        Line::SubnetArithmetic {
            name,
            cidr,
            total,
            used,
            free,
        } => format!("{name} {cidr}：{total} 个地址 − 5 个保留 − {used} 个已用 = {free} 个可用"),
        Line::FreeChooseEdition { free } => format!("{free} 个可用地址；请选择实例规格以比较"),
        Line::ChooseEdition => "请选择实例规格。".to_owned(),
        Line::FreeNeeds {
            free,
            edition,
            need,
        } => format!("{free} 个可用地址，{}需要 {need} 个", edition_zh(*edition)),
        Line::ChooseBiggerSubnet { need, smaller } => match smaller {
            Some((edition, needs)) => format!(
                "请选择至少有 {need} 个可用地址的子网，或选择更小的规格（{}需要 {needs} 个）。",
                edition_zh(*edition)
            ),
            None => format!("请选择至少有 {need} 个可用地址的子网。"),
        },
        Line::FreeNeedsMore {
            free,
            edition,
            need,
            total,
            held,
        } => format!(
            "{free} 个可用地址，{}还需要 {need} 个（共 {total} 个，已占用 {held} 个）",
            edition_zh(*edition)
        ),
        Line::FreeMoreInSubnet { more, subnet } => format!(
            "请在子网 {subnet} 中再释放 {more} 个地址（实例的子网不能变更），或保持当前规格。"
        ),
        Line::NeedSecurityGroup => "请选择安全组以检查其规则。".to_owned(),
        Line::GroupNotFound { group, region } => format!("{region} 中没有安全组 {group}"),
        Line::ChooseGroupOfVpc => "请选择所选虚拟私有云中的安全组。".to_owned(),
        Line::GroupInOtherVpc {
            group,
            its_vpc,
            chosen_vpc,
        } => format!("{group} 属于 {its_vpc}，而不是 {chosen_vpc}"),
        Line::ChooseGroupOfGatewayVpc => "请选择实例所在虚拟私有云中的安全组。".to_owned(),
        Line::ElbRulesNote { region } => format!(
            "在 {region}（ELB）中，安全组规则不控制公网入口；请使用访问控制策略限制调用方。"
        ),
        Line::AddInboundRule { group, port } => {
            format!("请为 {group} 添加入方向规则：TCP {port}，源地址 0.0.0.0/0。")
        }
        Line::InboundBlocked { group, ports: p } => format!(
            "{group} 不允许来自公网的 TCP {}：公网调用方无法访问实例。",
            ports(p)
        ),
        Line::InboundOffNote => "公网入口已关闭：不需要端口 80/443 的入方向规则。".to_owned(),
        Line::AddOutboundRule { group, ports: p } => format!(
            "请为 {group} 添加出方向规则：TCP {}（或全部流量），目的地址 0.0.0.0/0。",
            ports(p)
        ),
        Line::OutboundBlocked { group, ports: p } => format!(
            "{group} 阻止了到公网的出方向 TCP {}：实例无法调用公网后端。",
            ports(p)
        ),
        Line::SameGroupNote => "与实例在同一安全组和虚拟私有云中的后端不需要额外规则。".to_owned(),
        Line::NoRulesNeeded { group } => format!("{group}：所选访问方式不需要规则"),
        Line::GroupAllows {
            group,
            inbound,
            outbound,
        } => {
            let mut good = Vec::new();
            if *inbound {
                good.push("允许来自公网的 TCP 80 和 443");
            }
            if *outbound {
                good.push("允许访问公网后端的出方向流量");
            }
            format!("{group} {}", good.join("，"))
        }
        Line::RulesToAdd { group, count } => format!("{group}：需要添加 {count} 条规则"),
        Line::All { lines } => lines.iter().map(line_zh).collect::<Vec<_>>().join(" "),
        Line::InboundOff => "公网入口已关闭；不需要弹性IP地址".to_owned(),
        Line::NeedEip => "请为公网入口选择弹性IP地址。".to_owned(),
        Line::ChooseEipCount { free, region } => {
            format!("请选择弹性IP地址（{region} 中有 {free} 个未绑定）")
        }
        Line::NoEipFree { region } => {
            format!("{region} 中没有未绑定的弹性IP地址；请解绑一个，或关闭公网入口。")
        }
        Line::EipNotFound { eip, region } => format!("{region} 中没有弹性IP地址 {eip}"),
        Line::ChooseEipOf { region, free } => {
            format!("请选择 {region} 中的弹性IP地址（{}）。", free_list(free))
        }
        Line::EipFree { address, status } => {
            format!("弹性IP地址 {address} 未绑定（{status}）")
        }
        Line::EipTaken {
            address,
            status,
            bound_to,
        } => match bound_to {
            Some(b) => format!("弹性IP地址 {address} 的状态为 {status}，已绑定到 {b}"),
            None => format!("弹性IP地址 {address} 的状态为 {status}"),
        },
        Line::OnlyUnbound => "只有未绑定的弹性IP地址（状态 DOWN）可以绑定到实例。".to_owned(),
        Line::ChooseAnotherEip { free } => {
            format!("请选择其他弹性IP地址（{}）。", free_list(free))
        }
        Line::ElbModeNote { region } => {
            format!("在 {region}（ELB）中，实例会获得自己的弹性IP地址；不能选择已有的弹性IP地址。")
        }
        Line::NeedBandwidth => "请输入入公网带宽（至少 5 Mbit/s）。".to_owned(),
        Line::BadBandwidth { given, .. } => format!("入公网带宽 {given} 无效"),
        Line::EnterBandwidthRange { min, max } => {
            format!("请输入 {min} 到 {max} 之间的整数（Mbit/s）。")
        }
        Line::NewEip { address, bandwidth } => {
            format!("将分配新的弹性IP地址（{address}），带宽 {bandwidth}")
        }
        Line::NoPublicAddress { pool } => format!("{pool} 中已没有公网地址"),
        Line::ReleaseEip => "请在沙箱页面释放一个弹性IP地址。".to_owned(),
    }
}
