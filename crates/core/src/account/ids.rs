//! Stable IDs of the default seed: the same on every machine, so tests, exports and
//! bookmarks can name a seed resource.

/// The sandbox account (domain) ID.
pub const DOMAIN_ID: &str = "79c8c2926b9445b5b49882321e35049e";
/// The IAM user's ID.
pub const USER_ID: &str = "eb7a79959588432d8242aadbc8f429a4";
/// Enterprise project `production`.
pub const EP_PRODUCTION: &str = "515c6123-6c88-4537-bcf3-bd58da60fb1c";
/// Enterprise project `testing`.
pub const EP_TESTING: &str = "88718c96-6f3d-48f7-b4b1-b64633be40f5";
/// Project ID of `cn-north-4`.
pub const CN4_PROJECT: &str = "5b08acc213a54f079a1b195060c40eb7";
/// AZ1 of `cn-north-4`.
pub const CN4_AZ1: &str = "4a894db7e48f42b9aa5d670af9a3638e";
/// AZ2 of `cn-north-4`.
pub const CN4_AZ2: &str = "82b9bfbc91ba42579abe22cad37b17c6";
/// AZ3 of `cn-north-4`.
pub const CN4_AZ3: &str = "a5240b6020d0429c8cf197f45625871b";
/// `cn-north-4`: main VPC.
pub const CN4_VPC_MAIN: &str = "400cb70f-964e-43c0-b4a3-165de1ab3e01";
/// `cn-north-4`: roomy /24 subnet.
pub const CN4_SUBNET_ROOMY: &str = "83d8e92d-f2ad-4c0e-a683-acdf2060d7c4";
/// `cn-north-4`: /29 subnet that fits one Basic gateway.
pub const CN4_SUBNET_SMALL: &str = "b039ee16-9646-4718-8f3d-9a4de6cf02bb";
/// `cn-north-4`: subnet without a free address.
pub const CN4_SUBNET_FULL: &str = "e085b021-e0d4-4f2b-935a-b03d8de49eb1";
/// `cn-north-4`: second VPC.
pub const CN4_VPC_OTHER: &str = "428474c1-5e9e-4ba7-a6a8-6bd5a7550d23";
/// `cn-north-4`: subnet of the second VPC.
pub const CN4_SUBNET_OTHER: &str = "94a2de50-ff54-4939-a9d6-bd800bc49874";
/// `cn-north-4`: security group opening TCP 80/443 to the internet.
pub const CN4_SG_WEB: &str = "764ae4d4-359e-4d02-9cb2-5c12903c3ad2";
/// `cn-north-4`: default security group (no public ingress).
pub const CN4_SG_DEFAULT: &str = "79fdda8f-d41f-425b-959b-a1690ce64264";
/// `cn-north-4`: security group of the second VPC, without egress rules.
pub const CN4_SG_OTHER: &str = "167dd41a-347a-4e47-8e5a-c63a43514e2e";
/// `cn-north-4`: first free EIP.
pub const CN4_EIP_FREE_1: &str = "a30354ef-398b-4edf-a326-3c49440a9a11";
/// `cn-north-4`: second free EIP.
pub const CN4_EIP_FREE_2: &str = "67c8765c-5781-4ce8-98f0-1733d942b204";
/// `cn-north-4`: EIP bound to a server.
pub const CN4_EIP_BOUND: &str = "a37f115c-6a44-43cc-8df2-d1aff1067dbd";
/// `cn-north-4`: EIP in status ERROR.
pub const CN4_EIP_ERROR: &str = "a22fa1f7-2560-4b2f-8a7c-e6e5f89c8d33";
/// `cn-north-4`: security-group rule web 80.
pub const CN4_RULE_WEB_80: &str = "5043796d-4061-4823-9b39-320448410fe3";
/// `cn-north-4`: security-group rule web 443.
pub const CN4_RULE_WEB_443: &str = "1098d6a9-0494-4815-8587-18296e887807";
/// `cn-north-4`: security-group rule web egress.
pub const CN4_RULE_WEB_EGRESS: &str = "9b19cdec-60c9-4347-ba38-b767352e4941";
/// `cn-north-4`: security-group rule web egress v6.
pub const CN4_RULE_WEB_EGRESS_V6: &str = "8935b28f-afb5-454b-b80b-86486a2a1812";
/// `cn-north-4`: security-group rule default self.
pub const CN4_RULE_DEFAULT_SELF: &str = "17cde531-518b-48ab-af8d-8e8e32474e22";
/// `cn-north-4`: security-group rule default egress.
pub const CN4_RULE_DEFAULT_EGRESS: &str = "cfc2ffe4-ed22-41f1-ad33-ce50dcfe4bcc";
/// `cn-north-4`: security-group rule other self.
pub const CN4_RULE_OTHER_SELF: &str = "3f0279a1-abe7-420e-89e0-b9583a589e65";
/// Project ID of `cn-north-1`.
pub const CN1_PROJECT: &str = "c10c2788a8e1498086f6d2e1c91d6da3";
/// AZ1 of `cn-north-1`.
pub const CN1_AZ1: &str = "d703d5b062c442289e5d4d25c8ec9feb";
/// AZ2 of `cn-north-1`.
pub const CN1_AZ2: &str = "c8bd8770d23a42d9bd3109bf6bd33d83";
/// AZ3 of `cn-north-1`.
pub const CN1_AZ3: &str = "26b8e5ba2d1049f2a2f56763d5236ac1";
/// `cn-north-1`: main VPC.
pub const CN1_VPC_MAIN: &str = "fd39265b-b32e-4ea1-9439-f75f10c01d5d";
/// `cn-north-1`: roomy /24 subnet.
pub const CN1_SUBNET_ROOMY: &str = "616273cd-d6a1-4e4f-8ca4-c608ef605abf";
/// `cn-north-1`: /29 subnet that fits one Basic gateway.
pub const CN1_SUBNET_SMALL: &str = "bb9d2ebe-f476-492f-80fc-275e69b5220d";
/// `cn-north-1`: subnet without a free address.
pub const CN1_SUBNET_FULL: &str = "2f62323b-3622-4fad-82d1-4e0a57e101e1";
/// `cn-north-1`: second VPC.
pub const CN1_VPC_OTHER: &str = "2e3d6a63-40ed-467e-8564-f1dc632417c4";
/// `cn-north-1`: subnet of the second VPC.
pub const CN1_SUBNET_OTHER: &str = "9713b936-62cb-4300-ba5f-9ccdad9a6f2d";
/// `cn-north-1`: security group opening TCP 80/443 to the internet.
pub const CN1_SG_WEB: &str = "9e8c1878-d546-4ac5-a48f-cff28cc334f4";
/// `cn-north-1`: default security group (no public ingress).
pub const CN1_SG_DEFAULT: &str = "52bd78ee-9ff2-4d16-b697-99bacbebb741";
/// `cn-north-1`: security group of the second VPC, without egress rules.
pub const CN1_SG_OTHER: &str = "670c22f0-5c9c-40ad-968a-fe5e7d671459";
/// `cn-north-1`: first free EIP.
pub const CN1_EIP_FREE_1: &str = "ef5ead0b-e38a-45e0-8c64-498c8ee93884";
/// `cn-north-1`: second free EIP.
pub const CN1_EIP_FREE_2: &str = "65feb06c-dac1-438d-8e19-08e532ae8f10";
/// `cn-north-1`: EIP bound to a server.
pub const CN1_EIP_BOUND: &str = "4d0d21a3-710e-4c3f-9654-e963457642bd";
/// `cn-north-1`: EIP in status ERROR.
pub const CN1_EIP_ERROR: &str = "f230b77b-1c4d-4493-a298-2e5b770e5f35";
/// `cn-north-1`: security-group rule web 80.
pub const CN1_RULE_WEB_80: &str = "087d804e-bd29-470d-836f-cbe0d077e1be";
/// `cn-north-1`: security-group rule web 443.
pub const CN1_RULE_WEB_443: &str = "0ba75e63-2205-4ad7-bd66-c01f47376eb4";
/// `cn-north-1`: security-group rule web egress.
pub const CN1_RULE_WEB_EGRESS: &str = "fac19bd7-8163-4187-95ce-2fd817781ac9";
/// `cn-north-1`: security-group rule web egress v6.
pub const CN1_RULE_WEB_EGRESS_V6: &str = "a736357e-8e82-4020-9048-83eb74645968";
/// `cn-north-1`: security-group rule default self.
pub const CN1_RULE_DEFAULT_SELF: &str = "a1a58ce8-3556-473a-94f6-9a60f9d97768";
/// `cn-north-1`: security-group rule default egress.
pub const CN1_RULE_DEFAULT_EGRESS: &str = "fe5dd6f6-5d04-4969-b606-7ae6ac125000";
/// `cn-north-1`: security-group rule other self.
pub const CN1_RULE_OTHER_SELF: &str = "5d4a47ec-58ca-418c-a7e5-67e387ed23b1";
/// Project ID of `ap-southeast-1`.
pub const AP1_PROJECT: &str = "24b99aa4e6004110a26a6c288814f4bf";
/// AZ1 of `ap-southeast-1`.
pub const AP1_AZ1: &str = "0476dff0f4fb4348a325af54a30a6e7a";
/// AZ2 of `ap-southeast-1`.
pub const AP1_AZ2: &str = "8c5e5efd1d2347febe6b74a0934c4538";
/// `ap-southeast-1`: main VPC.
pub const AP1_VPC_MAIN: &str = "8b79ec1a-5a26-4e7a-b4be-a62d788c5f34";
/// `ap-southeast-1`: roomy /24 subnet.
pub const AP1_SUBNET_ROOMY: &str = "509c2530-0367-4f48-a429-6461beddd096";
/// `ap-southeast-1`: second VPC.
pub const AP1_VPC_OTHER: &str = "d3a71489-888c-4c0b-a3f7-b4ef51fb5227";
/// `ap-southeast-1`: subnet of the second VPC.
pub const AP1_SUBNET_OTHER: &str = "787b1186-31fd-4a9d-851d-62b5bd703358";
/// `ap-southeast-1`: security group opening TCP 80/443 to the internet.
pub const AP1_SG_WEB: &str = "1e036ff5-150f-47fd-9da7-e515e33a2538";
/// `ap-southeast-1`: default security group (no public ingress).
pub const AP1_SG_DEFAULT: &str = "65ce110a-2689-4e92-b29b-c6b33ac4414b";
/// `ap-southeast-1`: security group of the second VPC, without egress rules.
pub const AP1_SG_OTHER: &str = "b2256110-d660-413b-bd70-3b61aa80bb6c";
/// `ap-southeast-1`: first free EIP.
pub const AP1_EIP_FREE_1: &str = "993bb873-540b-442e-8a6e-83734bc9404e";
/// `ap-southeast-1`: EIP bound to a server.
pub const AP1_EIP_BOUND: &str = "5fdd3a16-8a61-49a7-936c-d61319c06515";
/// `ap-southeast-1`: security-group rule web 80.
pub const AP1_RULE_WEB_80: &str = "e644c315-c2cb-4187-b62e-7330ba45cd54";
/// `ap-southeast-1`: security-group rule web 443.
pub const AP1_RULE_WEB_443: &str = "0e30277e-50b7-484f-8fda-60dc99517a7e";
/// `ap-southeast-1`: security-group rule web egress.
pub const AP1_RULE_WEB_EGRESS: &str = "717eafff-25aa-4128-9069-212df802fea9";
/// `ap-southeast-1`: security-group rule web egress v6.
pub const AP1_RULE_WEB_EGRESS_V6: &str = "f6b8f116-cc81-437b-9b0f-56452c0188bb";
/// `ap-southeast-1`: security-group rule default self.
pub const AP1_RULE_DEFAULT_SELF: &str = "8f841a8a-b31f-4e8b-8924-69ae194a5491";
/// `ap-southeast-1`: security-group rule default egress.
pub const AP1_RULE_DEFAULT_EGRESS: &str = "de065c43-29c7-49a0-9849-8d8838794684";
/// `ap-southeast-1`: security-group rule other self.
pub const AP1_RULE_OTHER_SELF: &str = "63c7fe35-2f6d-4f84-9d1d-95e1ad61682b";
