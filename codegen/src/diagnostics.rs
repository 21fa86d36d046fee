//! Diagnostics are data: a stable code, a severity, a source location and a
//! message. They are collected by every phase and rendered in one place.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a diagnostic is. Errors make `regen` fail without touching the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $meaning:literal, $example:literal; )*) => {
        /// Every diagnostic code the generator can emit. The table below is the
        /// single place where codes are documented; `cargo xtask codes` prints it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];
            pub fn as_str(self) -> &'static str { match self { $(Code::$variant => $code,)* } }
            pub fn severity(self) -> Severity { match self { $(Code::$variant => Severity::$sev,)* } }
            pub fn meaning(self) -> &'static str { match self { $(Code::$variant => $meaning,)* } }
            pub fn example(self) -> &'static str { match self { $(Code::$variant => $example,)* } }
            pub fn parse(code: &str) -> Option<Code> { match code { $($code => Some(Code::$variant),)* _ => None } }
        }
    };
}

codes! {
    Io = "C0001", Error, "A file could not be read or written.", "spec/api/x.md: permission denied";
    InvalidUtf8 = "C0002", Warning, "A page is not valid UTF-8; invalid bytes were replaced.", "a page saved as Latin-1";
    PageGaveNothing = "D0001", Warning, "A page yielded no operation, model or enum.", "an API page with no HTTP request section and no examples";
    NoHttpRequest = "D0002", Warning, "An API page has no HTTP request section, or the section has no method and path.", "`## HTTP request` followed only by prose";
    NoVersion = "D0003", Warning, "The API version could not be told from the page; v1.0 was assumed.", "a rendered page with no beta notice and no example URL";
    VersionConflict = "D0004", Warning, "A page's place in the docs tree and its content disagree on the API version; the tree decides.", "a page under v1.0/ with a beta disclaimer";
    TableCellsMismatch = "D0005", Warning, "A table's delimiter row has more or fewer cells than its header; the table was read with the header's columns.", "|Permission type|Permissions| over |:--|:--|:--|";
    TreeGaveNothing = "D0007", Error, "The docs folder gave nothing: no page (`.md` or `.txt`) below it, or none that yields an operation, model or enum; nothing is generated from it.", "`--docs` naming an empty folder, or one of overview pages";
    PageTooLarge = "D0006", Warning, "A page gives more request lines or examples than one page may (1,000 each); the rest were left out.", "a page of a hundred thousand request lines";
    UnreadableKeptName = "D0008", Warning, "A line of the crate's `names.lock` is not one regen writes (`<version> <operation id> <page> <areas>`, `<version> <operation id> <name>`, `<version> <operation id> <method> <path key>`, `<version> type <model or enum> <areas>` or `<version> call <function call> [with]`), or the file cannot be read; that operation id, request body, type's areas or call is named afresh.", "`v1.0 v1_post_me_send_mail` with no page or name";
    ConceptualPage = "D0009", Info, "A page that says it is conceptual (`doc_type: conceptualPageType`) yielded no operation, model or enum; nothing was taken from it, as none was expected.", "an overview of an API area";
    IncludeMissing = "D0101", Warning, "An `[!INCLUDE]` target does not exist.", "[!INCLUDE [t](../includes/permissions/x-permissions.md)] with no such file";
    IncludeEscapesRoot = "D0102", Error, "An `[!INCLUDE]` target lies outside the docs root; it was not read.", "[!INCLUDE [t](../../../../etc/passwd)]";
    IncludeCycle = "D0103", Warning, "An `[!INCLUDE]` chain includes itself.", "a.md includes b.md, which includes a.md";
    IncludeLimit = "D0104", Warning, "A page's includes read more files than one page may (256, nested ones counted); the rest were left out.", "thirty includes that each include the next one twice";
    PermissionPlaceholder = "D0201", Warning, "A permission cell is a placeholder; the scheme is unknown.", "**TODO: Provide applicable permissions.**";
    PermissionEmpty = "D0202", Warning, "A permission cell is empty; the scheme is unknown.", "| Application | |";
    PermissionsIncludeMissing = "D0203", Warning, "The permissions table is an include that cannot be found; permissions are unknown.", "[!INCLUDE [permissions-table](../includes/permissions/a-get-permissions.md)]";
    PermissionTableUnrecognised = "D0204", Warning, "A table in the permissions section has a shape the parser does not know.", "a table whose header is `Scope | Notes`";
    PermissionsMissing = "D0205", Warning, "An API page has no permissions section, or the section has no table.", "`## Permissions` with prose only";
    PermissionSchemeUnknown = "D0206", Warning, "A permission row names a scheme the parser does not know.", "| Delegated (school) | Files.Read |";
    PermissionNameOdd = "D0207", Warning, "A permission cell holds text that is not a permission name; it was skipped.", "| Application | see below |";
    PermissionNameSplit = "D0208", Warning, "A permission name is split by a space; it was read as other pages of the version write it.", "| Delegated (work or school account) | Directory AccessAsUser.All |";
    PermissionSchemeInferred = "D0209", Warning, "A permissions section lists permissions with no scheme (bulleted cases, no table); each was listed under the schemes other pages of the version list it under.", "* If accessing attachments in messages: Mail.Read.";
    AnnotationInvalid = "D0301", Warning, "A `<!-- { ... } -->` annotation is not valid JSON, even leniently.", "<!-- { \"blockType\": request } -->";
    JsonRecovered = "D0302", Warning, "An example body was not strict JSON and was recovered leniently.", "a response body that lost its outer braces";
    JsonInvalid = "D0303", Warning, "An example body could not be read as JSON; it is kept as raw text.", "{ \"id\": \"1\", ... }";
    ExampleUnmatched = "D0304", Warning, "An example request does not match any endpoint of its operation.", "GET /users/{id}/photo on a page documenting /me/messages";
    InvalidExampleValue = "D0305", Warning, "An example value breaks the type its resource documents.", "\"2020-03-19T12-01-03.45Z\" for a DateTimeOffset";
    ExampleCollection = "D0306", Warning, "A property documented as one value is a list in every example that sends it; it was read as a collection.", "`addIns` typed `addIn`, sent as `[...]`";
    PathNoise = "D0401", Warning, "A line in an HTTP request block is not a request path; it was skipped.", "GET https://graph.microsoft.com  (no path)";
    SampleInPath = "D0402", Warning, "A request path writes a sample value where its example has a parameter; the example's template was taken.", "GET /domains/contoso.com/serviceConfigurationRecords";
    MethodFromExamples = "D0403", Warning, "A page's request lines give one method, every example request sends another to the same path, and the title's verb names the examples' method, which was taken.", "POST /applications/{id}/owners/{id}/$ref on a Remove owner page whose example sends DELETE";
    ArgumentSpelling = "D0404", Warning, "A request path writes a function's argument unquoted or without its name where other pages of the version quote it; it was read as they write it.", "range(address={address}) and range(<address>) beside range(address='{address}')";
    PathRepaired = "D0405", Warning, "A request path lost a brace or a parenthesis; it was put back where the segment ends.", "POST /groups/{group-id/drive/items/{item-id}/follow";
    KeyFromExamples = "D0406", Warning, "A page whose title gets, updates or deletes one item writes request lines that stop at the collection, and every example request goes one key further (for an update or a delete, which Graph never applies to a collection, one does); the examples' key was put back on those lines.", "GET /teams/{teamId}/schedule/swapShiftsChangeRequests on a Get swapShiftsChangeRequest page whose example gets .../swapShiftsChangeRequests/{id}";
    ConflictingFacts = "D0501", Warning, "Two pages disagree about one operation; the documented merge rule picked a winner.", "response type microsoft.graph.operation vs microsoft.graph.longRunningOperation";
    DuplicateOperationId = "D0502", Warning, "Two operations derived the same id; the later one was renamed.", "two pages both named get_operation";
    DuplicateModel = "D0503", Warning, "A resource is documented twice; the pages were merged.", "operation.md in two folders";
    BorrowedEndpoints = "D0504", Warning, "A page lists endpoints of other pages' operations; it leaves them to those pages.", "an extended-property page listing GET /me/messages/{id} and GET /me/events/{id}";
    UnknownType = "D0601", Warning, "A property type is unknown; it becomes `serde_json::Value`.", "| size | Bigness | ... |";
    ResourceEmpty = "D0602", Warning, "A resource page gives no properties (or an enum page no members) that the parser can read.", "a resource page whose only table is Method | Return type";
    TypeNameCase = "D0603", Warning, "A resource annotation spells the type's name in another case than the page's title; the title's spelling was taken.", "\"@odata.type\": \"microsoft.graph.orgcontact\" under # orgContact resource type";
    BaseTypeFromProse = "D0604", Warning, "A resource page's prose names a base type derived from the one its annotation names; the more derived one was taken.", "Inherits from [directoryObject](directoryobject.md) beside \"baseType\": \"microsoft.graph.entity\"";
    TypeAlternatives = "D0605", Warning, "A property's type names alternatives; the documented type of which each is a kind was taken.", "[appHostedMediaConfig](...) or [serviceHostedMediaConfig](...)";
    SampleKeys = "D0606", Warning, "An open type's JSON representation is keyed by sample data (user ids, placeholders); its keys were not taken as properties, and its values give the type of its entries.", "{ \"ca2a1df2-e36b-4987-9f6b-0ea462f4eb47\": { \"@odata.type\": \"microsoft.graph.plannerAssignment\" } }";
    EnumNamedLikeModel = "D0607", Warning, "Values are listed for a type that a resource page documents as a model (or an enum page names a model); the model was kept and no enum made.", "`status` typed `signInStatus` (a complex type): \"Possible values include Success and Failure\"";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown code {s}")))
    }
}

/// One finding about the input, tied to a file and line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn new(code: Code, file: impl Into<String>, line: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: line.max(1),
            column: 1,
            code,
            severity: code.severity(),
            message: message.into(),
        }
    }

    pub fn at(code: Code, at: &crate::ir::Source, message: impl Into<String>) -> Self {
        Self::new(code, &*at.file, at.line, message)
    }

    /// `path:line:col: warning[D0201]: message`, as rustc and gcc print it.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.line, self.column, self.severity, self.code, self.message
        )
    }

    /// The headline plus the source line it points at, when that line can be read.
    pub fn render(&self, source_line: Option<&str>) -> String {
        match source_line {
            Some(text) => {
                let gutter = self.line.to_string();
                let pad = " ".repeat(gutter.len());
                format!(
                    "{}\n{pad} |\n{gutter} | {}\n{pad} |",
                    self.headline(),
                    text.trim_end()
                )
            }
            None => self.headline(),
        }
    }
}

/// Sorts and dedups diagnostics so output never depends on discovery order.
pub fn normalise(diags: &mut Vec<Diagnostic>) {
    diags.sort();
    diags.dedup();
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// The code table as Markdown, for the README and `cargo xtask codes`.
pub fn code_table() -> String {
    let mut out = String::from("| code | severity | meaning | example |\n|---|---|---|---|\n");
    for code in Code::ALL {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            code,
            code.severity(),
            code.meaning(),
            inline_code(code.example())
        ));
    }
    out
}

/// Markdown inline code for a table cell: a longer fence when the text
/// holds backticks, escaped pipes.
fn inline_code(text: &str) -> String {
    let text = text.replace('|', "\\|");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_readme_lists_every_code_as_the_table_prints_it() {
        let readme = include_str!("../../README.md");
        let table = super::code_table();
        let missing: Vec<&str> = table.lines().filter(|row| !readme.contains(row)).collect();
        assert!(
            missing.is_empty(),
            "rows of `cargo xtask codes` missing from the README:\n{}",
            missing.join("\n")
        );
    }
}
