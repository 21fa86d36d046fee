//! The page interpreter: walks the block stream of one page, tracks the
//! section it is in, and collects the page facts. It does not care whether
//! the blocks came from Markdown source or rendered text.

use super::annotation::{self, Annotation};
use super::blocks::{Block, BlockKind, IncludeOutcome, Table};
use super::http::{self, normalise, path_key, request_line};
use super::json::{self, Lenient};
use super::prose::{self, Phrase, ProseEnum};
use super::resource::{self, ResourceFacts};
use super::{permissions, FrontMatter};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::*;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageForm {
    Markdown,
    Rendered,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Api,
    Resource,
    Enum,
    Other,
}

/// Everything one page says.
#[derive(Clone, Debug)]
pub struct PageFacts {
    pub file: std::sync::Arc<str>,
    pub form: PageForm,
    pub kind: PageKind,
    pub title: Option<String>,
    pub title_line: u32,
    pub description: Option<String>,
    pub area: Option<String>,
    pub namespace: String,
    pub version: Option<ApiVersion>,
    pub endpoints: Vec<Endpoint>,
    /// The section each endpoint came from, in the order of `endpoints`: 0
    /// for the page's own sections, then one number per task heading ("##
    /// Get a single thumbnail"). The merge splits off the tasks whose
    /// endpoints lie below the page's own (`merge::split_tasks`).
    pub endpoint_tasks: Vec<u16>,
    /// The same for each example, in the order of `examples`.
    pub example_tasks: Vec<u16>,
    pub permissions: Vec<PermissionSet>,
    /// Permission names a space may have split in two; the IR joins them
    /// (`ir::permission_names`).
    pub split_permission_names: Vec<permissions::SplitName>,
    /// Cases of a permissions section without a table, each a set of
    /// `permissions` whose schemes the IR gives (`ir::permission_names`).
    pub schemeless_permissions: Vec<permissions::SchemelessList>,
    pub query_options: QueryOptions,
    pub request_headers: Vec<RequestHeader>,
    pub request_body: RequestBody,
    pub response: Response,
    pub response_at: Option<Source>,
    pub examples: Vec<Example>,
    /// Each example's request path, normalised (`None` without a request,
    /// or when its URL is not a request path), in the order of `examples`:
    /// worked out once, when the page is read, for its version and for the
    /// merge, which places examples by them.
    pub example_paths: Vec<Option<String>>,
    pub prose_enum: Option<(ProseEnum, Source)>,
    /// The `@odata.context` of an example response the page marks
    /// `ignored`. Its annotation is not read (see `read_code`), but the
    /// body's own context says what Graph answered: the type of an
    /// operation nothing else types (projectrome-get-activities.md, 2020:
    /// `Collection(userActivity)`).
    pub ignored_response_context: Option<String>,
    pub resource: Option<ResourceFacts>,
    /// Generated device-management family (`## Prerequisites`).
    pub generated_family: bool,
    /// The page has an HTTP request section (heading or rendered title).
    pub has_http_section: bool,
    /// The page has a Permissions or Prerequisites section.
    pub has_permissions_section: bool,
    /// The front matter says the page is conceptual (`doc_type:
    /// conceptualPageType`): an overview, which documents no operation,
    /// model or enum of its own.
    pub conceptual: bool,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Intro,
    Permissions,
    HttpRequest,
    QueryParams,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    Json,
    Members,
    Other,
}

/// The title of a resource or enum page whose first heading lost the
/// space after its `#`: one line, `#` then a letter, ending in "resource
/// type" or "enum type".
fn unspaced_title(paragraph: &str) -> Option<&str> {
    let title = paragraph.strip_prefix('#')?;
    let lower = title.to_ascii_lowercase();
    (title.starts_with(|c: char| c.is_ascii_alphabetic())
        && !title.contains('\n')
        && (lower.ends_with(" resource type") || lower.ends_with(" enum type")))
    .then_some(title.trim_end())
}

/// Whether a request target addresses a sample rather than a template: a
/// literal segment with a dot (`/sites/contoso.sharepoint.com`, site-get.md,
/// 2020), a URL on another host than Graph's (an upload or download URL,
/// driveitem-createuploadsession.md), or no path at all.
fn addresses_a_sample(target: &str) -> bool {
    let lower = target.trim().to_ascii_lowercase();
    let elsewhere = lower.starts_with("http")
        && !lower
            .split_once("://")
            .is_some_and(|(_, rest)| rest.starts_with("graph.microsoft.com"));
    elsewhere
        || normalise(target).is_none_or(|p| {
            p.path
                .split('/')
                .any(|segment| !segment.contains(['{', '(', ':']) && segment.contains('.'))
        })
}

fn classify(text: &str) -> Option<Section> {
    let t = text.trim().trim_end_matches(':').to_ascii_lowercase();
    // "HTTP request (to replace an existing item)", driveitem-put-content.md.
    let t = match t.split_once(" (") {
        Some((name, _)) if t.ends_with(')') => name.to_string(),
        _ => t,
    };
    Some(match t.as_str() {
        "permissions" | "prerequisites" => Section::Permissions,
        "http request" | "http requests" => Section::HttpRequest,
        "optional query parameters" | "query parameters" | "optional query parameter" => {
            Section::QueryParams
        }
        "request headers" | "request header" => Section::RequestHeaders,
        "request body" => Section::RequestBody,
        "response" | "responses" | "response body" => Section::Response,
        "example" | "examples" | "request" | "sample request" => Section::Examples,
        "properties" => Section::Properties,
        "relationships" => Section::Relationships,
        "json representation" => Section::Json,
        "members" => Section::Members,
        _ if t.starts_with("example") => Section::Examples,
        _ => return None,
    })
}

/// How many request lines, and how many examples, one page may give. The
/// docs' largest operation has 29 endpoints and 27 examples; each example
/// is matched against each endpoint, so a page of a hundred thousand of
/// both would take hours.
pub const MAX_PER_PAGE: usize = 1000;

/// What a page may give at most `MAX_PER_PAGE` of.
#[derive(Clone, Copy)]
enum Many {
    RequestLines,
    Examples,
}

struct Walk<'a> {
    file: &'a std::sync::Arc<str>,
    facts: PageFacts,
    section: Section,
    endpoint_scope: Option<String>,
    permission_label: Option<String>,
    /// Indices into `facts.permissions` of the last table's sets.
    last_sets: std::ops::Range<usize>,
    roles_for_others: bool,
    annotation: Option<Annotation>,
    example_heading: Option<String>,
    open_example: Option<usize>,
    /// A request block of an HTTP request section that its annotation
    /// marks as an example's request, with the task it is under: the
    /// response that follows in that task answers it.
    endpoint_request: Option<(ExampleRequest, u16)>,
    intro_text: String,
    intro_at: Option<Source>,
    /// Whether the intro's first paragraph is still to come, to stand for
    /// a front matter description that is a tail of it.
    first_intro_paragraph: bool,
    query_text: String,
    /// Query parameters of the operation's own (see [`query_parameters`]).
    query_parameters: Vec<crate::ir::QueryParameter>,
    saw_permissions: bool,
    saw_http: bool,
    /// Whether the last heading is "Response": the section, or an
    /// example's (a rendered page cannot tell them apart).
    under_response_heading: bool,
    /// The page has a JSON representation section and a Properties or
    /// Relationships one: the sections of a resource page, which a
    /// rendered page (no front matter, no annotations) has to say it is
    /// one.
    saw_json_representation: bool,
    saw_properties_or_relationships: bool,
    /// Blocks of bare request lines outside any HTTP request section, and
    /// where they start (see [`Walk::endpoints_from_tasks`]).
    task_blocks: Vec<(String, Source)>,
    /// The task heading the walk is under (see `PageFacts::endpoint_tasks`),
    /// and how many there have been.
    task: u16,
    tasks: u16,
    /// The first thing the page says that makes it beta (a beta notice or
    /// disclaimer, a `/beta/` request line), and where.
    beta_said: Option<(Source, &'static str)>,
    /// "The response object shown here might be shortened": the rendered
    /// form of a `truncated` annotation.
    shortened_note: bool,
    /// Scratch for a paragraph's lowered text.
    lowered: String,
    /// The body's parameters came from a JSON object in the Request body
    /// section, not a table (see [`Walk::body_sketch`]).
    body_from_json: bool,
    /// The page reached `MAX_PER_PAGE` request lines, or examples, and
    /// said so.
    full: [bool; 2],
    /// The Request body section says the body holds an array of objects
    /// it names no type of ("an array of JSON objects with the id
    /// parameter", site-follow.md): its table describes the items, not the
    /// body.
    body_of_items: bool,
    /// The example whose response the last code block gave without a
    /// body, when nothing but an annotation came after it: the body may
    /// follow in a block of its own (call-mute.md, 2020: the status line
    /// and headers, then `"blockType": "example"` and the JSON;
    /// signin-list.md: then the JSON, with no annotation).
    bodiless_response: Option<usize>,
}

pub fn interpret(
    file: &std::sync::Arc<str>,
    rel: &str,
    form: PageForm,
    front: &FrontMatter,
    blocks: &[Block],
) -> PageFacts {
    let generated_family = blocks.iter().any(|b| matches!(&b.kind, BlockKind::Heading { text, tab: false, .. } if text.trim().eq_ignore_ascii_case("prerequisites")));
    let facts = PageFacts {
        file: file.clone(),
        form,
        kind: PageKind::Other,
        title: front.title.clone(),
        title_line: 1,
        description: front.description.clone(),
        area: front.ms_prod.clone(),
        namespace: "microsoft.graph".into(),
        version: None,
        endpoints: Vec::new(),
        permissions: Vec::new(),
        split_permission_names: Vec::new(),
        schemeless_permissions: Vec::new(),
        query_options: QueryOptions::default(),
        request_headers: Vec::new(),
        request_body: RequestBody::default(),
        response: Response::default(),
        response_at: None,
        examples: Vec::new(),
        example_paths: Vec::new(),
        endpoint_tasks: Vec::new(),
        example_tasks: Vec::new(),
        prose_enum: None,
        ignored_response_context: None,
        resource: None,
        generated_family,
        has_http_section: false,
        has_permissions_section: false,
        conceptual: false,
        diagnostics: Vec::new(),
    };
    let mut w = Walk {
        file,
        facts,
        section: Section::Intro,
        endpoint_scope: None,
        permission_label: None,
        last_sets: 0..0,
        roles_for_others: false,
        annotation: None,
        example_heading: None,
        open_example: None,
        endpoint_request: None,
        intro_text: String::new(),
        intro_at: None,
        first_intro_paragraph: true,
        query_text: String::new(),
        query_parameters: Vec::new(),
        saw_permissions: false,
        saw_http: false,
        under_response_heading: false,
        saw_json_representation: false,
        saw_properties_or_relationships: false,
        task_blocks: Vec::new(),
        task: 0,
        tasks: 0,
        beta_said: None,
        shortened_note: false,
        lowered: String::new(),
        body_from_json: false,
        full: [false; 2],
        body_of_items: false,
        bodiless_response: None,
    };
    let mut titled = false;
    let mut resource_blocks: Vec<&Block> = Vec::new();
    // Under a "Methods" heading of a rendered page: its table is lines of
    // words, and its return types may name the page's type in full (see
    // `resource::read`).
    let mut in_rendered_methods = false;
    for block in blocks {
        if !matches!(
            block.kind,
            BlockKind::Code { .. } | BlockKind::Annotation(_)
        ) {
            w.bodiless_response = None;
        }
        match &block.kind {
            BlockKind::Heading { tab: true, .. } => continue,
            BlockKind::Heading { level, text, .. } => {
                in_rendered_methods =
                    form == PageForm::Rendered && text.trim().eq_ignore_ascii_case("methods");
                if *level == 1 && !titled {
                    titled = true;
                    w.facts.title = Some(text.clone());
                    w.facts.title_line = block.at.line;
                    continue;
                }
                w.heading(text, *level);
            }
            BlockKind::Paragraph(text) => match (!titled).then(|| unspaced_title(text)).flatten() {
                // teamvisibilitytype.md: `#teamVisibilityType enum type`, a
                // heading but for the space after `#`; the front matter's
                // title is only "Members".
                Some(title) => {
                    titled = true;
                    w.facts.title = Some(title.to_string());
                    w.facts.title_line = block.at.line;
                }
                None => w.paragraph(text, block),
            },
            BlockKind::ListItem(text) => w.list_item(text, &block.at),
            BlockKind::Table(table) => {
                if let Some(cells) = table.delimiter_cells {
                    let columns = table.header.len();
                    w.warn(
                        Code::TableCellsMismatch,
                        &block.at,
                        format!(
                            "the table's header has {columns} cells and its delimiter row {cells}; GitHub shows it as text, the docs site as a table, and it was read with the header's {columns} columns"
                        ),
                    );
                }
                w.table(table, block)
            }
            BlockKind::Code { lang, text } => w.code(lang, text, block),
            BlockKind::Annotation(json) => match Annotation::read(json) {
                Ok(a) => w.annotation = Some(a),
                Err(e) => {
                    w.annotation = None;
                    w.warn(
                        Code::AnnotationInvalid,
                        &block.at,
                        format!("annotation is not JSON: {e}"),
                    )
                }
            },
            BlockKind::Include {
                label,
                path,
                outcome,
            } => w.include(label, path, *outcome, block),
        }
        // Resource facts: the property, relationship, JSON and member
        // sections, annotations, headings (an enums page names each enum in
        // one), and tables under headings no section claims.
        if matches!(
            w.section,
            Section::Properties | Section::Relationships | Section::Json | Section::Members
        ) || matches!(
            block.kind,
            BlockKind::Annotation(_) | BlockKind::Heading { .. }
        ) || (matches!(w.section, Section::Intro | Section::Other)
            && matches!(block.kind, BlockKind::Table(_)))
            || (w.section == Section::Intro && matches!(block.kind, BlockKind::Paragraph(_)))
            || (in_rendered_methods && matches!(block.kind, BlockKind::Paragraph(_)))
        {
            resource_blocks.push(block);
        }
    }
    w.finish(rel, front, &resource_blocks)
}

impl Walk<'_> {
    fn say_beta(&mut self, at: &Source, what: &'static str) {
        if self.beta_said.is_none() {
            self.beta_said = Some((at.clone(), what));
        }
    }

    /// Whether the page may take one more of `what`, of which it holds
    /// `held`; says so the first time it may not.
    fn room(&mut self, held: usize, what: Many, at: &Source) -> bool {
        if held < MAX_PER_PAGE {
            return true;
        }
        if !std::mem::replace(&mut self.full[what as usize], true) {
            let what = match what {
                Many::RequestLines => "request lines",
                Many::Examples => "examples",
            };
            self.warn(
                Code::PageTooLarge,
                at,
                format!("the page has {MAX_PER_PAGE} {what} already; this one and the rest are left out"),
            );
        }
        false
    }

    fn warn(&mut self, code: Code, at: &Source, message: impl Into<String>) {
        self.facts
            .diagnostics
            .push(Diagnostic::at(code, at, message));
    }

    fn heading(&mut self, text: &str, level: u8) {
        let known = classify(text);
        self.under_response_heading = known == Some(Section::Response);
        if level <= 2 {
            self.task = if known.is_some() {
                0
            } else {
                self.tasks = self.tasks.saturating_add(1);
                self.tasks
            };
        }
        if let Some(s) = known {
            // "Request"/"Response" below Examples stay in Examples.
            let in_examples = self.section == Section::Examples && level >= 3;
            if !(in_examples && matches!(s, Section::Response | Section::Examples)) {
                self.section = s;
            }
            if s == Section::Permissions {
                self.saw_permissions = true;
            }
            if s == Section::HttpRequest {
                self.saw_http = true;
            }
            self.saw_json_representation |= s == Section::Json;
            self.saw_properties_or_relationships |=
                matches!(s, Section::Properties | Section::Relationships);
            if s == Section::Examples && text.to_ascii_lowercase().starts_with("example") {
                self.example_heading = Some(text.to_string());
            }
        } else if self.section == Section::Permissions && level >= 3 {
            self.permission_label = Some(label_text(text));
        } else if level <= 2 {
            self.section = Section::Other;
        }
    }

    fn paragraph(&mut self, text: &str, block: &Block) {
        // One lowered copy per paragraph, in a buffer the walk reuses.
        let mut lower = std::mem::take(&mut self.lowered);
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        self.read_paragraph(text, &lower, block);
        self.lowered = lower;
    }

    fn read_paragraph(&mut self, text: &str, lower: &str, block: &Block) {
        static BETA: Phrase = Phrase::new("apis under the /beta version");
        static IF_SUCCESSFUL: Phrase = Phrase::new("if successful");
        static METHOD_RETURNS: Phrase = Phrase::new("this method returns");
        static RESPONSE_CODE: Phrase = Phrase::new("response code");
        static MIGHT_BE_SHORTENED: Phrase = Phrase::new("might be shortened");
        static MAY_BE_SHORTENED: Phrase = Phrase::new("may be shortened");
        static RETURNS: Phrase = Phrase::new("returns ");
        if BETA.is_in(lower) {
            self.say_beta(&block.at, "its beta notice");
            return;
        }
        // In the Response section or under a "Response" heading (a rendered
        // page's example response heading reads as the section's), any
        // sentence that says what it returns: "This method returns a
        // collection of DriveItem resources for items ..." (drive-recent.md,
        // 2020), "Each of these methods returns a Drive resource"
        // (drive-get.md), "Returns a `302 Found` response redirecting ..."
        // (driveitem-get-content.md, under its example's Response heading
        // in the modern corpus).
        if IF_SUCCESSFUL.is_in(lower)
            || (METHOD_RETURNS.is_in(lower) && RESPONSE_CODE.is_in(lower))
            || ((self.section == Section::Response || self.under_response_heading)
                && RETURNS.is_in(lower))
        {
            if self.facts.response_at.is_none() {
                if let Some((status, ty, collection)) = prose::response(text) {
                    self.facts.response = Response {
                        status,
                        type_name: ty.map(|t| self.qualify(&t)),
                        collection,
                        ..Response::default()
                    };
                    self.facts.response_at = Some(block.at.clone());
                }
            }
            return;
        }
        if MIGHT_BE_SHORTENED.is_in(lower) || MAY_BE_SHORTENED.is_in(lower) {
            self.shortened_note = true;
            return;
        }
        if lower.starts_with("choose the permission")
            || lower.starts_with("one of the following permissions is required")
        {
            self.section = Section::Permissions;
            self.saw_permissions = true;
            return;
        }
        let is_label = lower.starts_with("for ")
            && text.len() < 100
            && !lower.contains("delegated scenario")
            && !lower.starts_with("for details")
            && !lower.starts_with("for more")
            && !lower.starts_with("for general")
            && !lower.contains("see ");
        if is_label
            && !matches!(
                self.section,
                Section::HttpRequest
                    | Section::Examples
                    | Section::RequestBody
                    | Section::QueryParams
            )
        {
            self.permission_label = Some(label_text(text));
            return;
        }
        match self.section {
            Section::Intro => {
                if let Some(ns) = text.strip_prefix("Namespace:") {
                    // The paragraph may run on into the description.
                    let word = ns.split_whitespace().next().unwrap_or("");
                    if !word.is_empty()
                        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
                    {
                        self.facts.namespace = word.to_string();
                    }
                    return;
                }
                let boilerplate = matches!(text.trim(), "Important" | "Note" | "Caution" | "Tip")
                    || lower.starts_with("this api is available in")
                    || lower.starts_with("this api is supported in")
                    || lower.starts_with("global service");
                if !boilerplate {
                    let first = std::mem::replace(&mut self.first_intro_paragraph, false);
                    let cut_off = |front: &str| first && is_tail_of(front, text);
                    if self.facts.description.as_deref().is_none_or(cut_off) {
                        self.facts.description = Some(text.to_string());
                    }
                }
                self.intro(text, block);
            }
            Section::Permissions => {
                if lower.contains("acting on another user") || lower.contains("acting on other") {
                    self.roles_for_others = true;
                } else if lower.contains("following") && lower.contains("role") {
                    self.roles_for_others = false;
                }
            }
            Section::HttpRequest if text.trim_end().ends_with(':') => {
                self.endpoint_scope = Some(text.trim().trim_end_matches(':').to_string());
            }
            Section::QueryParams => self.query_line(text),
            Section::RequestBody => {
                if lower.contains("don't supply")
                    || lower.contains("do not supply")
                    || lower.contains("no request body")
                    // "This operation has no request content"
                    // (user-revokesigninsessions.md).
                    || lower.contains("no request content")
                    // "This API does not require any request body"
                    // (workbook-closesession.md).
                    || ((lower.contains("does not require") || lower.contains("doesn't require"))
                        && lower.contains("request body"))
                {
                    self.facts.request_body.kind = BodyKind::None;
                } else if lower.contains("html content")
                    || lower.contains("multipart message")
                    // Only while nothing else has told the kind: notes
                    // below a parameter table speak of "the binary data"
                    // of a parameter (user-translateexchangeids.md).
                    || (self.facts.request_body.kind == BodyKind::Unstated
                        // "the binary stream of the file to be uploaded"
                        // (driveitem-put-content.md), "the binary data of
                        // the photo" (profilephoto-update.md), "a binary
                        // content chunk" (an attachment upload).
                        && (lower.contains("binary stream")
                            || lower.contains("binary data of the")
                            || lower.contains("binary content")
                            // "Teams Zip Manifest Payload"
                            // (teamsapp-publish.md).
                            || lower.contains("zip manifest")))
                {
                    // "In the request body, supply the HTML content for the
                    // page" (onenote-post-pages.md): no JSON.
                    self.facts.request_body.kind = BodyKind::Bytes;
                } else if lower.contains("json representation of")
                    || lower.contains("request body, supply")
                    || lower.contains("request body, provide")
                    // Actions: "provide a JSON object with the following
                    // parameters" (user-sendmail.md), then a parameter table.
                    || lower.contains("json object with the following")
                    // "Provide a JSON body of an openTypeExtension object"
                    // (opentypeextension-update.md).
                    || lower.contains("json body")
                    // "Provide the new openShift object in the request
                    // body" (openshift-post.md).
                    || lower.contains("object in the request body")
                {
                    self.facts.request_body.kind = BodyKind::Json;
                    if let Some(t) = object_type_in(text) {
                        self.facts.request_body.type_name = Some(self.qualify(&t));
                    } else if let Some(t) = array_type_in(text) {
                        self.facts.request_body.type_name = Some(self.qualify(&t));
                        self.facts.request_body.collection = true;
                    } else if lower.contains("array of json objects") {
                        self.body_of_items = true;
                    }
                } else if let Some(t) = lone_type_name(text) {
                    // The section names the body's type and nothing else:
                    // "A [teamsTab](../resources/teamstab.md)."
                    // (teamstab-add.md).
                    self.facts.request_body.kind = BodyKind::Json;
                    self.facts.request_body.type_name = Some(self.qualify(&t));
                }
            }
            _ => {}
        }
    }

    fn intro(&mut self, text: &str, block: &Block) {
        self.intro_text.push_str(text);
        self.intro_text.push('\n');
        if self.intro_at.is_none()
            && (prose::enum_values(text).is_some()
                || text.to_ascii_lowercase().contains("possible states"))
        {
            self.intro_at = Some(block.at.clone());
        }
    }

    /// A line of the Query parameters section, read by
    /// [`prose::query_options`] when the page is done.
    fn query_line(&mut self, text: &str) {
        self.query_text.push_str(text);
        self.query_text.push('\n');
    }

    fn list_item(&mut self, text: &str, at: &Source) {
        match self.section {
            Section::Intro => {
                self.intro_text.push_str("* ");
                self.intro_text.push_str(text);
                self.intro_text.push('\n');
            }
            Section::Permissions if self.last_sets.is_empty() => {
                // No table yet: a bulleted case and its permissions.
                if let Some((case, names)) = permissions::schemeless_item(text) {
                    self.facts
                        .schemeless_permissions
                        .push(permissions::SchemelessList {
                            set: self.facts.permissions.len(),
                            names,
                        });
                    self.facts
                        .permissions
                        .push(PermissionSet::unknown(Some(case), at.clone()));
                }
            }
            Section::Permissions => {
                let role = text.trim().trim_end_matches('.').to_string();
                if role.is_empty() || role.len() > 80 {
                    return;
                }
                let range = self.last_sets.clone();
                let for_others = self.roles_for_others;
                let sets = &mut self.facts.permissions[range];
                let any_others = sets
                    .iter()
                    .any(|s| s.scope.as_deref().is_some_and(|s| s.contains("others")));
                for set in sets.iter_mut() {
                    let is_others = set.scope.as_deref().is_some_and(|s| s.contains("others"));
                    if (!for_others || !any_others || is_others) && !set.admin_roles.contains(&role)
                    {
                        set.admin_roles.push(role.clone());
                    }
                }
            }
            // "supports the following query parameters:" and a list of
            // them (security-list-securescores.md, 2020).
            Section::QueryParams => self.query_line(text),
            _ => {}
        }
    }

    fn table(&mut self, table: &Table, block: &Block) {
        let permission_header = table.header.first().is_some_and(|h| {
            h.trim().eq_ignore_ascii_case("permission type")
                || h.trim().eq_ignore_ascii_case("permission types")
        });
        if permission_header && self.section != Section::Permissions {
            // Rendered pages can lose the Permissions heading.
            self.section = Section::Permissions;
            self.saw_permissions = true;
        }
        match self.section {
            Section::Permissions => {
                let first = table
                    .header
                    .first()
                    .map(|h| h.to_ascii_lowercase())
                    .unwrap_or_default();
                let is_perm_table = first.contains("permission")
                    || first.contains("type")
                    || table.header.iter().skip(1).any(|h| {
                        let h = h.trim().to_ascii_lowercase();
                        h.starts_with("delegated") || h.starts_with("application")
                    })
                    || table
                        .header
                        .iter()
                        .any(|h| h.to_ascii_lowercase().contains("privileged"))
                    || table.rows.iter().any(|r| {
                        r.cells.first().is_some_and(|c| {
                            c.to_ascii_lowercase().starts_with("delegated")
                                || c.to_ascii_lowercase().starts_with("application")
                        })
                    });
                if !is_perm_table {
                    if table
                        .header
                        .iter()
                        .any(|h| h.to_ascii_lowercase().contains("role"))
                    {
                        return;
                    }
                    self.warn(
                        Code::PermissionTableUnrecognised,
                        &block.at,
                        format!(
                            "permissions table with header `{}` was not understood",
                            table.header.join(" | ")
                        ),
                    );
                    return;
                }
                let label = self.permission_label.take();
                let sets = permissions::read_table(
                    table,
                    label.as_deref(),
                    self.facts.generated_family,
                    &block.at,
                    &mut permissions::Notes {
                        diags: &mut self.facts.diagnostics,
                        splits: &mut self.facts.split_permission_names,
                    },
                );
                let start = self.facts.permissions.len();
                self.facts.permissions.extend(sets);
                self.last_sets = start..self.facts.permissions.len();
                self.roles_for_others = false;
            }
            // The table describes the items of the array the body holds;
            // the IR types them (see `request_bodies::array_of_items`).
            Section::RequestBody if self.body_of_items => {
                let found = resource::parameter_table(table, &block.at, &self.facts.namespace);
                if let Some(items) = found {
                    self.facts.request_body.items.extend(items);
                }
            }
            Section::RequestBody => {
                let found = resource::parameter_table(table, &block.at, &self.facts.namespace);
                let Some(parameters) = found.filter(|p| !p.is_empty()) else {
                    return;
                };
                // The table states a JSON body even when the prose does not.
                if self.facts.request_body.kind == BodyKind::Unstated {
                    self.facts.request_body.kind = BodyKind::Json;
                }
                // A second table (one per case) adds the parameters it has
                // that the first has not; the first replaces what a JSON
                // object of the section showed.
                let body = &mut self.facts.request_body.parameters;
                if std::mem::take(&mut self.body_from_json) {
                    body.clear();
                }
                crate::unique::extend(body, parameters, |p| p.name.clone());
            }
            // Or a table of them, one per row (signin-list.md, 2020), or
            // of the operation's own (calendar-list-calendarview.md).
            Section::QueryParams => {
                for name in table.rows.iter().filter_map(|r| r.cells.first()) {
                    self.query_line(name);
                }
                let required = self.query_text.to_ascii_lowercase().contains("required");
                self.query_parameters
                    .extend(query_parameters(table, required));
            }
            Section::RequestHeaders => {
                for row in &table.rows {
                    if let Some(name) = row.cells.first().filter(|n| !n.trim().is_empty()) {
                        let description = row.cells.get(1).cloned().unwrap_or_default();
                        self.facts.request_headers.push(RequestHeader {
                            name: name.trim().to_string(),
                            description,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn include(&mut self, label: &str, path: &str, outcome: IncludeOutcome, block: &Block) {
        if label.contains("beta-disclaimer") || path.ends_with("beta-disclaimer.md") {
            self.say_beta(&block.at, "its beta disclaimer");
            return;
        }
        // A permissions table is named so (`[!INCLUDE [permissions-table]
        // (../includes/permissions/x.md)]`); a note in the Permissions section
        // is not one (`[!INCLUDE [limited-info](...)]` beside the table of
        // device-list-memberof.md, 2020, used to add a set of unknown
        // permissions to the operation).
        let names_permissions =
            label.to_ascii_lowercase().contains("permission") || path.contains("permissions");
        match outcome {
            IncludeOutcome::Missing if names_permissions => {
                self.warn(
                    Code::PermissionsIncludeMissing,
                    &block.at,
                    format!("permissions include `{path}` was not found; permissions are unknown"),
                );
                let label = self.permission_label.take();
                let start = self.facts.permissions.len();
                self.facts
                    .permissions
                    .push(PermissionSet::unknown(label, block.at.clone()));
                self.last_sets = start..start + 1;
                self.saw_permissions = true;
            }
            IncludeOutcome::Missing
                if !path.contains("/includes/")
                    || path.contains("rbac")
                    || path.contains("permissions") =>
            {
                self.warn(
                    Code::IncludeMissing,
                    &block.at,
                    format!("include `{path}` was not found"),
                );
            }
            _ => {}
        }
    }

    /// A JSON object the Request body section shows as the body, with no
    /// table to list its parameters ("you may optionally include the
    /// `shouldSetSpoSiteReadOnlyForMembers` parameter in a JSON body, as
    /// follows", team-archive.md): its fields are the parameters, typed
    /// by their values, until a table of the section says them.
    fn body_sketch(&mut self, text: &str, at: &Source) {
        if !self.facts.request_body.parameters.is_empty() {
            return;
        }
        let (Lenient::Strict(Value::Object(fields)) | Lenient::Repaired(Value::Object(fields), _)) =
            json::parse(text)
        else {
            return;
        };
        let parameters = resource::json_properties(&fields, &self.facts.namespace, at);
        if parameters.is_empty() {
            return;
        }
        self.facts.request_body.parameters = parameters;
        self.body_from_json = true;
        if self.facts.request_body.kind == BodyKind::Unstated {
            self.facts.request_body.kind = BodyKind::Json;
        }
    }

    fn code(&mut self, lang: &str, text: &str, block: &Block) {
        let annotation = self.annotation.take();
        let bodiless_response = self.bodiless_response.take();
        // A response under a heading the HTTP request section does not end
        // ("### Path parameters", driveitem-list-thumbnails.md) is one.
        let response = annotation.as_ref().and_then(Annotation::block_type) == Some("response")
            || text
                .lines()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| http::status_line(l).is_some());
        // Code in a programming language ("As an example, to encode a URL
        // in C#:", shares-get.md) holds no request lines.
        const PROGRAMS: &[&str] = &[
            "csharp",
            "cs",
            "c#",
            "javascript",
            "js",
            "typescript",
            "ts",
            "java",
            "objc",
            "python",
            "go",
            "powershell",
            "php",
            "ruby",
            "swift",
            "kotlin",
        ];
        let program = || PROGRAMS.iter().any(|p| lang.eq_ignore_ascii_case(p));
        if self.section == Section::HttpRequest && !response && !program() {
            self.http_request_block(text, &block.at);
            // `<!-- { "blockType": "request" } -->` on it: the example's
            // request too, when a response follows (the task sections of
            // driveitem-list-thumbnails.md show a request under "HTTP
            // request", then its response).
            let annotated = annotation.as_ref().and_then(Annotation::block_type) == Some("request");
            self.endpoint_request = annotated
                .then(|| http::message(text).and_then(|msg| self.request_of(msg, &block.at)))
                .flatten()
                .map(|r| (r, self.task));
            return;
        }
        if matches!(
            self.section,
            Section::Json | Section::Properties | Section::Relationships | Section::Members
        ) {
            return;
        }
        let block_type = annotation
            .as_ref()
            .and_then(Annotation::block_type)
            .unwrap_or("");
        // Blocks of request lines and nothing else under task headings
        // ("## Get the tenant's root site", site-get.md, 2020): the
        // endpoints of a page that has no HTTP request section. A rendered
        // page's task headings are paragraphs, so its blocks are still in
        // the section before them, the permissions.
        if matches!(
            self.section,
            Section::Intro | Section::Other | Section::Permissions
        ) && matches!(block_type, "" | "ignored" | "request")
            && text.lines().any(|l| !l.trim().is_empty())
            && text
                .lines()
                .all(|l| l.trim().is_empty() || request_line(l).is_some())
        {
            self.task_blocks.push((text.to_string(), block.at.clone()));
        }
        // An example's request the page marks `ignored` (left out of the
        // docs' own validation) still says what the example asks
        // (opentypeextension-post-opentypeextension.md marks every
        // request so): it is kept in the Examples section. An ignored
        // response is not: its annotation is as unchecked as its body
        // (team-clone.md: a bodiless `202` annotated as a `team`).
        let ignored_request =
            block_type == "ignored" && self.section == Section::Examples && !response;
        if block_type == "ignored" && response && self.facts.ignored_response_context.is_none() {
            // Read leniently and quietly: the docs do not check what they
            // ignore (this one has a trailing comma).
            let body = http::message(text).and_then(|msg| match json::parse(msg.body?.0) {
                Lenient::Strict(v) | Lenient::Repaired(v, _) => Some(v),
                Lenient::Invalid(_) => None,
            });
            self.facts.ignored_response_context =
                body.and_then(|b| Some(b.get("@odata.context")?.as_str()?.to_string()));
        }
        if let Some(i) = bodiless_response.filter(|_| {
            matches!(block_type, "example" | "")
                && self.section == Section::Examples
                && text.trim_start().starts_with(['{', '['])
        }) {
            let body = self.body(text, true, &block.at);
            if let Some(response) = self.facts.examples[i].response.as_mut() {
                response.body = Some(body);
            }
            return;
        }
        if block_type == "ignored" && !ignored_request
            || block_type == "resource"
            || block_type == "example" && self.section != Section::Examples
        {
            return;
        }
        if self.section == Section::RequestBody && text.trim_start().starts_with('{') {
            self.body_sketch(text, &block.at);
            return;
        }
        let Some(msg) = http::message(text) else {
            return;
        };
        let line_of = |i: usize| Source::new(block.at.file.clone(), block.at.line + 1 + i as u32);
        if let Some((method, target)) = request_line(msg.first) {
            self.endpoint_request = None;
            // A task page ("## List a site's drives") gives its endpoints as
            // request blocks under task headings, with no HTTP request
            // section of their own: a templated path there is an endpoint.
            if block_type == "request"
                && matches!(self.section, Section::Intro | Section::Other)
                && (target.contains('{') || !addresses_a_sample(target))
                && !self.facts.endpoints.iter().any(|e| {
                    e.method == method
                        && normalise(target)
                            .map(http::parameterise_arguments)
                            .is_some_and(|p| path_key(&p.path) == path_key(&e.path))
                })
            {
                self.http_request_block(msg.first, &block.at);
            }
            if !self.room(self.facts.examples.len(), Many::Examples, &block.at) {
                return;
            }
            let request = self.request_of(msg, &block.at);
            let name = self.example_name(annotation.as_ref());
            self.facts.example_tasks.push(self.task);
            self.facts.examples.push(Example {
                name,
                source: block.at.clone(),
                request,
                response: None,
            });
            self.open_example = Some(self.facts.examples.len() - 1);
        } else if let Some(status) = http::status_line(msg.first) {
            let json = crate::ir::says_json(&msg.headers);
            let body = msg.body.map(|(b, l)| self.body(b, json, &line_of(l)));
            let get = |field: fn(&Annotation) -> &Option<Value>| {
                annotation.as_ref().and_then(|a| field(a).as_ref())
            };
            // `"@odata.type": "microsoft.graph.None"` (call-answer.md,
            // 2020) says there is no body, not a type named None.
            // The SharePoint pages (list-get.md, 2020) write `@type`.
            let odata_type = get(|a| &a.odata_type)
                .or_else(|| get(|a| &a.type_name))
                .and_then(|v| v.as_str().map(str::to_string))
                .filter(|t| {
                    let name = t.rsplit('.').next().unwrap_or(t);
                    !name.eq_ignore_ascii_case("none")
                });
            // `"@odata.type": "Collection(microsoft.graph.driveItem)"`
            // (drive-recent.md, 2020) says a collection as `isCollection`
            // does.
            let collection_type = odata_type.as_deref().is_some_and(|t| {
                resource::type_of(t.trim_start_matches('#'), &self.facts.namespace).1
            });
            let response = ExampleResponse {
                status: Some(status),
                headers: msg.headers,
                body,
                truncated: match get(|a| &a.truncated) {
                    Some(v) => annotation::flag(v).unwrap_or(false),
                    None => self.shortened_note,
                },
                odata_type,
                is_collection: get(|a| &a.is_collection)
                    .and_then(annotation::flag)
                    .or(collection_type.then_some(true)),
                source: block.at.clone(),
                also_at: Vec::new(),
            };
            self.shortened_note = false;
            let bodiless = response.body.is_none();
            let index = match self.open_example.take() {
                Some(i) if self.facts.examples[i].response.is_none() => {
                    self.facts.examples[i].response = Some(response);
                    i
                }
                _ => {
                    if !self.room(self.facts.examples.len(), Many::Examples, &block.at) {
                        return;
                    }
                    let name = self.example_name(annotation.as_ref());
                    let request = self
                        .endpoint_request
                        .take()
                        .filter(|(_, task)| *task == self.task)
                        .map(|(r, _)| r);
                    self.facts.example_tasks.push(self.task);
                    self.facts.examples.push(Example {
                        name,
                        source: block.at.clone(),
                        request,
                        response: Some(response),
                    });
                    self.facts.examples.len() - 1
                }
            };
            self.bodiless_response = bodiless.then_some(index);
        } else if lang == "http" && block_type == "request" {
            self.warn(
                Code::PathNoise,
                &block.at,
                "request block has no request line",
            );
        }
    }

    /// An example request from a block of HTTP: its request line, headers
    /// and body.
    fn request_of(&mut self, msg: http::Message<'_>, at: &Source) -> Option<ExampleRequest> {
        let (method, target) = request_line(msg.first)?;
        let line_of = |i: usize| Source::new(at.file.clone(), at.line + 1 + i as u32);
        let json = crate::ir::says_json(&msg.headers);
        let body = msg.body.map(|(b, l)| self.body(b, json, &line_of(l)));
        Some(ExampleRequest {
            method: method.to_string(),
            url: target.to_string(),
            headers: msg.headers,
            body,
            source: line_of(msg.first_line),
        })
    }

    /// A page with no HTTP request section may give its endpoints in task
    /// sections, as blocks of bare request lines. Lines that address a
    /// sample (`GET /sites/contoso.sharepoint.com`: a literal segment with a
    /// dot) are examples, not endpoints.
    fn endpoints_from_tasks(&mut self) {
        // They are the page's own: nothing to split them from.
        self.task = 0;
        for (text, at) in std::mem::take(&mut self.task_blocks) {
            let templates: Vec<&str> = text
                .lines()
                .map(|l| {
                    let Some((_, target)) = request_line(l) else {
                        return "";
                    };
                    if addresses_a_sample(target) {
                        ""
                    } else {
                        l
                    }
                })
                .collect();
            self.http_request_block(&templates.join("\n"), &at);
        }
        // An example request written as a template (`GET /sites/{site-id}`
        // in site-get.md's example) documents an endpoint too.
        let templated: Vec<(String, Source)> = self
            .facts
            .examples
            .iter()
            .filter_map(|e| e.request.as_ref())
            .filter(|r| r.url.contains('{'))
            .map(|r| (format!("{} {}", r.method, r.url), r.source.clone()))
            .collect();
        for (line, at) in templated {
            let key = request_line(&line)
                .and_then(|(_, target)| normalise(target))
                .map(|p| path_key(&p.path));
            let known = self
                .facts
                .endpoints
                .iter()
                .any(|e| Some(path_key(&e.path)) == key);
            if key.is_some() && !known {
                // The source is the request line itself, not a fence
                // before it (which `http_request_block` steps over).
                let fence = u32::from(self.facts.form == PageForm::Markdown);
                let at = Source::new(at.file.clone(), at.line.saturating_sub(fence));
                self.http_request_block(&line, &at);
            }
        }
    }

    fn http_request_block(&mut self, text: &str, block_at: &Source) {
        // A whole HTTP message (an example under a "### HTTP request"
        // heading, driveitem-invite.md): after its headers and a blank
        // line comes its body, which holds no request lines.
        let (mut requested, mut headers) = (false, false);
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() && headers {
                break;
            }
            // "GET /me/memberOf", "or", "GET /users/{id}/memberOf"
            // (user-list-memberof.md): a word between alternatives.
            let conjunction = t.eq_ignore_ascii_case("or") || t.eq_ignore_ascii_case("and");
            if t.is_empty() || t.starts_with("//") || t.starts_with('#') || conjunction {
                continue;
            }
            let at = Source::new(
                block_at.file.clone(),
                block_at.line + i as u32 + u32::from(self.facts.form == PageForm::Markdown),
            );
            let Some((method, target)) = request_line(t) else {
                headers = headers || (requested && super::rendered::is_header_line(t));
                if !t.starts_with('{') && !t.starts_with('}') && !t.contains(':')
                    || t.starts_with('/')
                {
                    self.warn(
                        Code::PathNoise,
                        &at,
                        format!("`{t}` is not a request line; skipped"),
                    );
                }
                continue;
            };
            requested = true;
            // A brace or parenthesis lost on the way is put back, when
            // that makes a path (`http::repair_pairs`).
            let read = match http::normalise_or_why(target) {
                Err(why @ (http::NotAPath::Braces | http::NotAPath::Parentheses)) => {
                    match http::repair_pairs(target) {
                        Some((repaired, p)) => {
                            self.warn(
                                Code::PathRepaired,
                                &at,
                                format!("`{target}`: {why}; read as `{repaired}`"),
                            );
                            Ok(p)
                        }
                        None => Err(why),
                    }
                }
                other => other,
            };
            match read.map(http::parameterise_arguments) {
                Ok(p) => {
                    if !self.room(self.facts.endpoints.len(), Many::RequestLines, &at) {
                        continue;
                    }
                    if p.version == Some(ApiVersion::Beta) {
                        self.say_beta(&at, "its `/beta` request line");
                    }
                    self.facts.endpoint_tasks.push(self.task);
                    self.facts.endpoints.push(Endpoint {
                        method: method.to_string(),
                        path: p.path,
                        scope: self.endpoint_scope.clone(),
                        parameters: p.parameters,
                        source: at,
                    });
                }
                Err(why) => self.warn(
                    Code::PathNoise,
                    &at,
                    format!("`{t}` is not a request path: {why}; skipped"),
                ),
            }
        }
        self.endpoint_scope = None;
    }

    /// An example body: JSON when it reads as JSON, leniently, and its
    /// headers do not name another content type; text otherwise.
    fn body(&mut self, text: &str, json: bool, at: &Source) -> Body {
        let t = text.trim();
        if !json || !(t.starts_with('{') || t.starts_with('[') || t.starts_with('"')) {
            return Body::Text(text.to_string());
        }
        match json::parse(text) {
            Lenient::Strict(v) => Body::Json(v),
            Lenient::Repaired(v, how) => {
                self.warn(
                    Code::JsonRecovered,
                    at,
                    format!("example body is not strict JSON; recovered ({how})"),
                );
                Body::Json(v)
            }
            Lenient::Invalid(e) => {
                self.warn(
                    Code::JsonInvalid,
                    at,
                    format!("example body is not JSON ({e}); kept as text"),
                );
                Body::Text(text.to_string())
            }
        }
    }

    fn example_name(&self, annotation: Option<&Annotation>) -> String {
        if let Some(name) = annotation
            .and_then(|a| a.name.as_ref())
            .and_then(Value::as_str)
        {
            return name.to_string();
        }
        match &self.example_heading {
            Some(h) => crate::names::snake_case(h.split(':').next().unwrap_or(h)),
            None => format!("example_{}", self.facts.examples.len() + 1),
        }
    }

    fn qualify(&self, name: &str) -> String {
        // "returns a String collection": a primitive, not a model.
        if let Some(edm) = crate::types::edm_name(name) {
            return edm.to_string();
        }
        if name.contains('.') {
            name.to_string()
        } else {
            format!("{}.{}", self.facts.namespace, name)
        }
    }

    /// An endpoint that writes a sample value where a parameter belongs
    /// (`GET /domains/contoso.com/serviceConfigurationRecords`,
    /// domain-list-serviceconfigurationrecords.md, 2019 and 2020) takes
    /// the template of an example that has the parameter there
    /// (`/domains/{domain-name}/...`): a builder step named after the
    /// sample would send it as written. A sample is a literal segment with
    /// a dot that is not a type cast (`microsoft.graph.user`), a function
    /// or a drive path; only an example that agrees on every other segment
    /// replaces it.
    fn template_sample_segments(&mut self, examples: &[Option<http::NormalPath>]) {
        fn is_sample(segment: &str) -> bool {
            segment.contains('.')
                && !segment.contains(['{', '(', ':', '$'])
                && !segment
                    .get(..16)
                    .is_some_and(|p| p.eq_ignore_ascii_case("microsoft.graph."))
        }
        fn is_placeholder(segment: &str) -> bool {
            segment.starts_with('{') && segment.ends_with('}')
        }
        let mut templated = Vec::new();
        for endpoint in &mut self.facts.endpoints {
            if endpoint.path.contains(":/") || !endpoint.path.split('/').any(is_sample) {
                continue;
            }
            let segments: Vec<&str> = endpoint.path.split('/').collect();
            let fitting = self
                .facts
                .examples
                .iter()
                .zip(examples)
                .filter(|(e, _)| {
                    e.request
                        .as_ref()
                        .is_some_and(|r| r.method == endpoint.method)
                })
                .filter_map(|(_, p)| p.as_ref())
                .find(|example| {
                    let theirs: Vec<&str> = example.path.split('/').collect();
                    theirs.len() == segments.len()
                        && segments.iter().zip(&theirs).all(|(mine, theirs)| {
                            if is_sample(mine) {
                                is_placeholder(theirs)
                            } else {
                                mine.eq_ignore_ascii_case(theirs)
                            }
                        })
                });
            if let Some(example) = fitting {
                let template = http::parameterise_arguments(example.clone());
                templated.push((
                    endpoint.source.clone(),
                    format!(
                        "`{}` writes a sample value where its example has a parameter; took `{}`",
                        endpoint.path, template.path
                    ),
                ));
                endpoint.path = template.path;
                endpoint.parameters = template.parameters;
            }
        }
        for (at, message) in templated {
            self.warn(Code::SampleInPath, &at, message);
        }
    }

    fn finish(mut self, rel: &str, front: &FrontMatter, resource_blocks: &[&Block]) -> PageFacts {
        let file = self.file.clone();
        // Only on API pages: the overview pages show calls in passing. The
        // 2019 pages have no doc_type; their folder says it.
        let api_page = match front.doc_type.as_deref() {
            Some(d) => d.to_ascii_lowercase().contains("api"),
            None => rel.contains("/api/") || rel.starts_with("api/"),
        };
        if self.facts.endpoints.is_empty() && api_page {
            self.endpoints_from_tasks();
        }
        if !self.query_text.is_empty() {
            self.facts.query_options = prose::query_options(&self.query_text);
        }
        self.facts.query_options.parameters = std::mem::take(&mut self.query_parameters);
        // Prose enum (states of an operation).
        if let Some(members) =
            prose::enum_values(&self.intro_text).or_else(|| list_after_possible(&self.intro_text))
        {
            let terminal = prose::terminal_states(&self.intro_text);
            let at = self
                .intro_at
                .clone()
                .unwrap_or(Source::new(file.clone(), self.facts.title_line));
            let members: Vec<String> = members.iter().map(|m| prose::wire_case(m)).collect();
            let terminal = terminal
                .iter()
                .map(|m| prose::wire_case(m))
                .filter(|t| members.contains(t))
                .collect();
            self.facts.prose_enum = Some((ProseEnum { members, terminal }, at));
        }
        // Version: beta notice, example URLs, then the page's place in a docs tree.
        let normal: Vec<Option<http::NormalPath>> = self
            .facts
            .examples
            .iter()
            .map(|e| e.request.as_ref().and_then(|r| normalise(&r.url)))
            .collect();
        let from_examples = normal.iter().zip(&self.facts.examples).find_map(|(p, e)| {
            let said = p.as_ref()?.version?;
            let at = e.request.as_ref().map_or(&e.source, |r| &r.source);
            Some((said, at.clone(), "its example URL"))
        });
        self.template_sample_segments(&normal);
        self.facts.example_paths = normal.into_iter().map(|p| p.map(|p| p.path)).collect();
        let from_tree = if rel.contains("/beta/") || rel.starts_with("beta/") {
            Some(ApiVersion::Beta)
        } else if rel.contains("v1.0/") {
            Some(ApiVersion::V1)
        } else {
            None
        };
        let from_content = match self.beta_said.take() {
            Some((at, what)) => Some((ApiVersion::Beta, at, what)),
            None => from_examples,
        };
        // The tree a page is published in decides; a page that says
        // otherwise carries a stale notice or a wrong URL.
        self.facts.version = match (from_tree, from_content) {
            (Some(tree), Some((said, at, what))) if said != tree => {
                self.warn(
                    Code::VersionConflict,
                    &at,
                    format!(
                        "the page is in the {tree} docs but {what} says {said}; kept {tree}",
                        tree = tree.as_str(),
                        said = said.as_str()
                    ),
                );
                Some(tree)
            }
            (Some(tree), _) => Some(tree),
            (None, content) => content.map(|(said, _, _)| said),
        };

        self.facts.has_http_section = self.saw_http;
        self.facts.has_permissions_section = self.saw_permissions;
        let doc_type = front.doc_type.as_deref().unwrap_or("").to_ascii_lowercase();
        self.facts.conceptual = doc_type.contains("conceptual");
        // A page of enums with no title or front matter (enums.md rendered):
        // "attachmentType values" headings over members tables.
        let values_headings = self.facts.title.is_none()
            && resource_blocks.iter().any(
                |b| matches!(&b.kind, BlockKind::Heading { text, .. } if text.ends_with(" values")),
            );
        let titled_a_type = self.facts.title.as_deref().is_some_and(|t| {
            // The 2019 enums.md has no doc_type: only its title.
            t.ends_with("resource type")
                || t.ends_with("enum type")
                || t.eq_ignore_ascii_case("enum values")
        });
        let annotated_resource = || {
            resource_blocks.iter().any(|b| {
                static RESOURCE: Phrase = Phrase::new("\"resource\"");
                matches!(&b.kind, BlockKind::Annotation(a) if RESOURCE.is_in(a))
            })
        };
        // A doc type of `resourcePageType` needs something of a resource
        // beside it, or a type in its title (`titled_a_type`): "Use the
        // Microsoft Graph threat assessment API"
        // (threatassessment-api-overview.md, 2020) says it and is an
        // overview, with no properties, no JSON representation and no
        // resource annotation. It named an empty model `Use`.
        let resource_by_doc_type = doc_type.contains("resource")
            && (self.saw_json_representation
                || self.saw_properties_or_relationships
                || annotated_resource());
        let looks_resource = resource_by_doc_type
            || values_headings
            || doc_type.contains("enum")
            || titled_a_type
            || (!self.saw_http
                && (annotated_resource()
                    || (self.saw_json_representation && self.saw_properties_or_relationships)));
        if looks_resource {
            let (res, diags) = resource::read(&self.facts, resource_blocks);
            self.facts.diagnostics.extend(diags);
            self.facts.kind = if res.is_enum {
                PageKind::Enum
            } else {
                PageKind::Resource
            };
            self.facts.resource = Some(res);
        } else if self.saw_http || !self.facts.endpoints.is_empty() || doc_type.contains("api") {
            self.facts.kind = PageKind::Api;
            if self.facts.endpoints.is_empty() {
                let line = self.facts.title_line;
                self.warn(
                    Code::NoHttpRequest,
                    &Source::new(file.clone(), line),
                    "API page gives no method and path in an HTTP request section",
                );
            }
            if !self.saw_permissions {
                self.warn(
                    Code::PermissionsMissing,
                    &Source::new(file.clone(), self.facts.title_line),
                    "API page has no permissions section",
                );
            } else if self.facts.permissions.is_empty() {
                self.warn(
                    Code::PermissionsMissing,
                    &Source::new(file.clone(), self.facts.title_line),
                    "permissions section has no table; permissions are unknown",
                );
                self.facts.permissions.push(PermissionSet::unknown(
                    None,
                    Source::new(file.clone(), self.facts.title_line),
                ));
            }
        }
        self.facts
    }
}

/// "Possible states include:" followed by a list.
fn list_after_possible(intro: &str) -> Option<Vec<String>> {
    let lower = intro.to_ascii_lowercase();
    let at = lower
        .find("possible states include")
        .or_else(|| lower.find("possible values include"))?;
    let items: Vec<String> = intro[at..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("* "))
        .map(|l| l[2..].trim().trim_matches('`').to_string())
        .filter(|m| m.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    (items.len() >= 2).then_some(items)
}

/// The operation's own query parameters a table of the Query parameters
/// section lists: a `Parameter` (or `Name`) column and a `Type` column,
/// rows named like a parameter (`startDateTime`; not `$top`, and not a
/// filter expression such as `initiatedBy/user/id`, which signin tables
/// list). Each is required when its description says so, or when the
/// section says it lists required ones (`required` before the table).
fn query_parameters(table: &Table, required_before: bool) -> Vec<crate::ir::QueryParameter> {
    let column = |names: &[&str]| {
        table.header.iter().position(|h| {
            let h = h.trim().to_ascii_lowercase();
            names.iter().any(|n| h == *n)
        })
    };
    let (Some(name_col), Some(type_col)) = (
        column(&["parameter", "query parameter", "name", "parameter name"]),
        column(&["type"]),
    ) else {
        return Vec::new();
    };
    let description_col = column(&["description"]);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row.cells.get(name_col)?.trim();
            let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric());
            if !plain {
                return None;
            }
            let description = description_col
                .and_then(|c| row.cells.get(c))
                .map(|d| d.trim().to_string())
                .unwrap_or_default();
            let required = required_before
                || description
                    .to_ascii_lowercase()
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w == "required");
            Some(crate::ir::QueryParameter {
                name: name.to_string(),
                type_name: row.cells.get(type_col)?.trim().to_string(),
                required,
                description,
            })
        })
        .collect()
}

/// Whether a front matter description is the tail of a paragraph, cut
/// off mid-sentence: it starts with no capital or digit, and the
/// paragraph, read without emphasis and with its spaces collapsed, ends
/// with it and says more. A tool that wrote the docs' descriptions cut
/// some at a `.` or a `$`: ".activate() on it." for "Adds a new worksheet
/// ... call .activate() on it." (worksheetcollection-add.md), "." for
/// range-lastcell.md, "expand parameter on the **event** navigation
/// property ..." for eventmessage-get.md's "Apply the $expand parameter
/// ...". A description of its own that starts with a type's name
/// ("intuneBrand contains data ...") is no tail when the paragraph says
/// no more than it.
fn is_tail_of(front: &str, paragraph: &str) -> bool {
    // Nearly every description starts with a capital: no copies for it.
    if front
        .trim_start()
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let plain = |t: &str| -> String {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['*', '`'], "")
    };
    let (front, paragraph) = (plain(front), plain(paragraph));
    paragraph.len() > front.len() && paragraph.ends_with(&front)
}

/// "For role management alerts:" to "role management alerts".
fn label_text(text: &str) -> String {
    let t = text.trim().trim_end_matches([':', '.']).trim();
    let t = t
        .strip_prefix("For ")
        .or_else(|| t.strip_prefix("for "))
        .unwrap_or(t);
    t.trim().to_string()
}

/// The type a paragraph of an article and one name gives: `A teamsTab.`
/// The name must be a camel-case identifier that starts in lower case, as
/// the docs write types (`A file.` is not one).
fn lone_type_name(text: &str) -> Option<String> {
    let text = text.trim().strip_suffix('.')?;
    let (article, name) = text.split_once(' ')?;
    let name = name.trim();
    (matches!(article, "A" | "An")
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.chars().any(|c| c.is_ascii_uppercase()))
    .then(|| name.to_string())
}

/// The type of the items of an array a Request body paragraph names:
/// "supply an array of [patchContentCommand](...) objects"
/// (page-update.md).
fn array_type_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase()
    };
    words.windows(4).find_map(|w| {
        let (array, of, name, objects) = (bare(w[0]), bare(w[1]), w[2], bare(w[3]));
        let name = name.trim_matches(|c: char| !(c.is_alphanumeric() || c == '.'));
        // "an array of JSON objects with the id parameter" (site-follow.md)
        // names no type, nor do words of prose.
        (matches!(array.as_str(), "array" | "collection")
            && of == "of"
            && objects == "objects"
            && prose::is_type_word(name))
        .then(|| name.to_string())
    })
}

/// The type a Request body paragraph names before its first "object" ("a
/// JSON representation of [user](...) object"), or, in a paragraph with no
/// "object", before its first "resource" ("a JSON representation of the
/// [listItem][] resource to create", listitem-create.md).
fn object_type_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = |noun: &str| {
        words
            .iter()
            .position(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == noun)
    };
    let i = first("object").or_else(|| first("resource"))?;
    let w = words
        .get(i.checked_sub(1)?)?
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '.'));
    (w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !matches!(w, "the" | "a" | "an" | "new"))
    .then(|| w.to_string())
}
