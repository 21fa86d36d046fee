//! Hand-written support code that the generator copies into every generated
//! crate: path encoding, and the types of the permission tables.

/// Appends `value` to `path` as exactly one percent-encoded path segment.
/// Whatever it holds (`/`, `?`, `#`, `%`, `..`, spaces, non-ASCII), it can
/// never change the path or add a query.
pub fn push_segment(path: &mut String, value: &str) {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~').remove(b'.').remove(b'@');
    let encoded = percent_encoding::utf8_percent_encode(value, SEGMENT).to_string();
    // `.` and `..` are path navigation, not values.
    match encoded.as_str() {
        "." => path.push_str("%2E"),
        ".." => path.push_str("%2E%2E"),
        _ => path.push_str(&encoded),
    }
}

/// The Graph API version an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    V1,
    Beta,
}

/// The three permission schemes of Microsoft Graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

/// What one scheme grants for one scope of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    Listed { least: &'static [&'static str], higher: &'static [&'static str] },
    NotSupported,
    Unknown,
}

/// The permissions of one scope ("acting on self", "for role management alerts").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PermissionSet {
    pub scope: Option<&'static str>,
    pub delegated_work: Grant,
    pub delegated_personal: Grant,
    pub application: Grant,
    pub admin_roles: &'static [&'static str],
}

impl PermissionSet {
    pub fn grant(&self, scheme: Scheme) -> Grant {
        match scheme {
            Scheme::DelegatedWork => self.delegated_work,
            Scheme::DelegatedPersonal => self.delegated_personal,
            Scheme::Application => self.application,
        }
    }
}

/// One documented operation and its permission sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationPermissions {
    pub id: &'static str,
    pub version: Version,
    pub method: &'static str,
    pub paths: &'static [&'static str],
    pub sources: &'static [&'static str],
    pub sets: &'static [PermissionSet],
}

impl OperationPermissions {
    /// The least privileged permissions for `scheme`, per scope.
    pub fn least_privileged(&self, scheme: Scheme) -> Vec<(Option<&'static str>, &'static [&'static str])> {
        self.sets
            .iter()
            .filter_map(|s| match s.grant(scheme) {
                Grant::Listed { least, .. } => Some((s.scope, least)),
                _ => None,
            })
            .collect()
    }
}
