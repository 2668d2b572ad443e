//! The gateways list.

/// Messages of the gateways list.
pub struct Gateways {
    pub title: &'static str,
    /// "Quota: {used} of {limit} used"
    pub quota: fn(usize, usize) -> String,
    pub buy: &'static str,
    /// The quota is reached: used, limit, region name.
    pub quota_full: fn(usize, usize, &str) -> String,
    /// No gateways in {region} yet.
    pub empty_title: fn(&str) -> String,
    pub empty_text: &'static str,
    pub table_label: &'static str,
    pub caption: &'static str,
    pub col_name: &'static str,
    pub col_status: &'static str,
    pub col_edition: &'static str,
    pub col_azs: &'static str,
    pub col_vpc_address: &'static str,
    pub col_inbound_address: &'static str,
    pub col_created: &'static str,
    /// The name of the list's pager (a navigation landmark).
    pub pager_label: &'static str,
}

pub const EN: Gateways = Gateways {
    title: "Gateways",
    quota: |used, limit| format!("Quota: {used} of {limit} used"),
    buy: "Buy Gateway",
    quota_full: |used, limit, region| {
        format!(
            "The gateway quota is reached: {used} of {limit} gateways are used in {region}. Delete a gateway or raise the quota on the Sandbox page; a purchase now is refused with APIC.7400."
        )
    },
    empty_title: |region| format!("No gateways in {region} yet."),
    empty_text: "A dedicated gateway you buy here appears in this list with its status.",
    table_label: "Gateways",
    caption: "Gateways of the selected region",
    col_name: "Name",
    col_status: "Status",
    col_edition: "Edition",
    col_azs: "AZs",
    col_vpc_address: "VPC access address",
    col_inbound_address: "Inbound address",
    col_created: "Created",
    pager_label: "Gateways pages",
};

pub const ZH: Gateways = Gateways {
    title: "实例列表",
    quota: |used, limit| format!("配额：已使用 {used} / {limit} 个"),
    buy: "购买实例",
    quota_full: |used, limit, region| {
        format!(
            "实例配额已用完：{region} 已使用 {used} / {limit} 个实例。请删除实例，或在沙箱页面提高配额；现在购买会被拒绝（APIC.7400）。"
        )
    },
    empty_title: |region| format!("{region} 还没有实例。"),
    empty_text: "在这里购买的专享版实例会连同状态显示在此列表中。",
    table_label: "实例列表",
    caption: "所选区域的实例",
    col_name: "名称",
    col_status: "状态",
    col_edition: "实例规格",
    col_azs: "可用区",
    col_vpc_address: "VPC访问地址",
    col_inbound_address: "入口地址",
    col_created: "创建时间",
    pager_label: "实例列表分页",
};
