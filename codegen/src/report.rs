//! Coverage figures for a whole docs tree, as `cargo xtask corpus-report`
//! prints them: how much of each kind of page the parser understood, which
//! diagnostics it gave, and whether the figures meet the thresholds the
//! project holds itself to. Figures are counted per page, before the merge,
//! because a docs maintainer fixes pages, not operations.

use crate::diagnostics::{Code, Severity};
use crate::ir::{Ir, SchemePermissions, SchemeStatus};
use crate::parse::{PageFacts, PageKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;
use std::time::Instant;

/// Sampled figures (URLs, resource pages, examples) of smaller trees are
/// reported without a threshold.
pub const MIN_SAMPLE_FOR_THRESHOLD: usize = 100;

/// A figure with its denominator.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub count: usize,
    pub of: usize,
}

impl Ratio {
    pub fn percent(&self) -> f64 {
        if self.of == 0 {
            100.0
        } else {
            self.count as f64 * 100.0 / self.of as f64
        }
    }
}

/// One threshold and whether it holds.
#[derive(Clone, Debug, Serialize)]
pub struct Threshold {
    pub figure: &'static str,
    pub percent: f64,
    pub required: f64,
    pub holds: bool,
}

impl Threshold {
    pub fn new(figure: &'static str, r: &Ratio, required: f64) -> Self {
        Threshold {
            figure,
            percent: r.percent(),
            required,
            holds: r.percent() >= required,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct UnresolvedUrl {
    pub source: String,
    pub method: String,
    pub url: String,
    pub operation: String,
    pub resolved_to: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CodeCount {
    pub code: String,
    pub severity: Severity,
    pub count: usize,
    pub meaning: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct CorpusReport {
    pub docs: String,
    pub pages_read: usize,
    pub api_pages: usize,
    pub resource_pages: usize,
    pub enum_pages: usize,
    /// API pages with an HTTP request section that gave an endpoint.
    pub http_sections_with_endpoint: Ratio,
    /// Pages with a Permissions or Prerequisites section whose permission
    /// sets have every scheme parsed, or unknown with a diagnostic.
    pub permission_sections_parsed: Ratio,
    pub api_pages_with_examples: Ratio,
    /// Resource pages that give a model with at least one typed property.
    pub resource_pages_typed: Ratio,
    /// Example response bodies that fit their type, a model or a primitive (become tests).
    pub examples_fit_model: Ratio,
    /// Example request URLs of operations with permissions that resolve
    /// back to their own operation through `for_request`.
    pub example_urls_resolving: Ratio,
    /// The example request URLs that did not resolve, for docs maintainers.
    pub unresolved_urls: Vec<UnresolvedUrl>,
    /// Pages that gave nothing; each must have a diagnostic.
    pub pages_gave_nothing: usize,
    pub pages_gave_nothing_undiagnosed: Vec<String>,
    pub operations: usize,
    pub models: usize,
    pub enums: usize,
    pub diagnostics: Vec<CodeCount>,
    pub errors: usize,
    pub warnings: usize,
    pub wall_ms: u128,
    pub thresholds: Vec<Threshold>,
}

impl CorpusReport {
    pub fn holds(&self) -> bool {
        self.thresholds.iter().all(|t| t.holds)
    }
}

/// What the report needs of one page, taken before the IR consumes it.
struct PageSummary {
    file: String,
    kind: PageKind,
    has_http_section: bool,
    endpoints: usize,
    has_permissions_section: bool,
    permissions_parsed: bool,
    examples: usize,
    resource_props: Vec<(String, bool)>,
    resource_enums: usize,
    no_properties_by_design: bool,
    diagnosed: bool,
}

fn summarise(p: &PageFacts) -> PageSummary {
    // Bulleted permissions with no scheme get theirs, with a `D0209`, in
    // the IR (`ir::permission_names`), after this summary.
    let permission_diag = !p.schemeless_permissions.is_empty()
        || p.diagnostics
            .iter()
            .any(|d| d.code.as_str().starts_with("D02") || d.code == Code::IncludeMissing);
    let permissions_parsed = !p.permissions.is_empty()
        && p.permissions.iter().all(|set| {
            set.schemes().iter().all(|(_, g)| {
                !matches!(g, SchemePermissions::Status(SchemeStatus::Unknown)) || permission_diag
            })
        });
    PageSummary {
        file: p.file.to_string(),
        kind: p.kind,
        has_http_section: p.has_http_section,
        endpoints: p.endpoints.len(),
        has_permissions_section: p.has_permissions_section,
        permissions_parsed,
        examples: p.examples.len(),
        resource_props: p
            .resource
            .iter()
            .flat_map(|r| &r.properties)
            .map(|prop| (prop.type_name.clone(), prop.collection))
            .collect(),
        resource_enums: p.resource.as_ref().map_or(0, |r| r.enums.len()),
        no_properties_by_design: p
            .resource
            .as_ref()
            .is_some_and(|r| r.no_properties_by_design),
        diagnosed: !p.diagnostics.is_empty(),
    }
}

/// Reads the docs tree under `docs` and measures it.
pub fn corpus_report(docs: &Path, display: &str) -> CorpusReport {
    let start = Instant::now();
    let pages = crate::parse_tree(docs, display);
    let summaries: Vec<PageSummary> = pages.iter().map(summarise).collect();
    let ir = crate::build_ir(pages);
    let examples = crate::ir::example_check::check(&ir);
    let examples_fit_model = Ratio {
        count: examples.passed(),
        of: examples.checked(),
    };
    let (count, misses) = crate::lookup::examples_resolving(&ir);
    let example_urls_resolving = Ratio {
        count,
        of: count + misses.len(),
    };
    let unresolved_urls = misses
        .iter()
        .map(|m| UnresolvedUrl {
            source: m.source.to_string(),
            method: m.method.to_string(),
            url: m.url.to_string(),
            operation: m.operation.id.clone(),
            resolved_to: m.instead.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
    let wall_ms = start.elapsed().as_millis();
    let mut report = measure(display, &summaries, &ir, examples_fit_model, wall_ms);
    // A share of a few dozen is noise: one docs slip moves it by several
    // points. These thresholds hold for trees with 100 or more.
    let sampled = [
        (
            "example request URLs that resolve to their own operation",
            example_urls_resolving.clone(),
            97.0,
        ),
        (
            "resource pages with a typed property",
            report.resource_pages_typed.clone(),
            95.0,
        ),
        (
            "example responses that fit their type",
            report.examples_fit_model.clone(),
            90.0,
        ),
    ];
    for (figure, ratio, required) in sampled {
        if ratio.of >= MIN_SAMPLE_FOR_THRESHOLD {
            report
                .thresholds
                .push(Threshold::new(figure, &ratio, required));
        }
    }
    report.example_urls_resolving = example_urls_resolving;
    report.unresolved_urls = unresolved_urls;
    report
}

fn measure(
    display: &str,
    pages: &[PageSummary],
    ir: &Ir,
    examples_fit_model: Ratio,
    wall_ms: u128,
) -> CorpusReport {
    let count = |f: &dyn Fn(&PageSummary) -> bool| pages.iter().filter(|p| f(p)).count();
    let api = |p: &PageSummary| p.kind == PageKind::Api;
    let http = Ratio {
        count: count(&|p| api(p) && p.has_http_section && p.endpoints > 0),
        of: count(&|p| api(p) && p.has_http_section),
    };
    let perms = Ratio {
        count: count(&|p| api(p) && p.has_permissions_section && p.permissions_parsed),
        of: count(&|p| api(p) && p.has_permissions_section),
    };
    let with_examples = Ratio {
        count: count(&|p| api(p) && p.examples > 0),
        of: count(&api),
    };

    // A typed property: a primitive other than untyped JSON, or a type the
    // IR knows as a model or an enum.
    let known: BTreeSet<&str> = ir
        .models
        .iter()
        .map(|m| m.name.as_str())
        .chain(ir.enums.iter().map(|e| e.name.as_str()))
        .collect();
    let typed = |t: &str| match crate::types::rust_primitive(t) {
        Some(rust) => !rust.contains("serde_json::Value"),
        None => known.contains(t),
    };
    // Counted on the IR's models (types resolved), by the page they came from.
    let mut typed_pages: BTreeSet<&str> = BTreeSet::new();
    for m in &ir.models {
        if m.properties
            .iter()
            .any(|p| p.inherited_from.is_none() && typed(&p.type_name))
        {
            typed_pages.extend(m.sources.iter().map(|s| &*s.file));
        }
    }
    let resource = |p: &PageSummary| p.kind == PageKind::Resource;
    let resource_pages_typed = Ratio {
        count: count(&|p| resource(p) && typed_pages.contains(p.file.as_str())),
        of: count(&|p| resource(p) && !p.no_properties_by_design),
    };

    // Pages that gave nothing, and whether each says so. Pages of no known
    // kind get `D0001` from the IR pass.
    let gave_nothing = |p: &PageSummary| match p.kind {
        PageKind::Api => p.endpoints == 0,
        PageKind::Resource | PageKind::Enum => {
            p.resource_props.is_empty() && p.resource_enums == 0 && !p.no_properties_by_design
        }
        PageKind::Other => true,
    };
    let diagnosed_files: BTreeSet<&str> = ir.diagnostics.iter().map(|d| d.file.as_str()).collect();
    let undiagnosed: Vec<String> = pages
        .iter()
        .filter(|p| gave_nothing(p) && !p.diagnosed && !diagnosed_files.contains(p.file.as_str()))
        .map(|p| p.file.clone())
        .collect();

    let mut by_code: BTreeMap<String, CodeCount> = BTreeMap::new();
    for d in &ir.diagnostics {
        by_code
            .entry(d.code.as_str().to_string())
            .or_insert_with(|| CodeCount {
                code: d.code.as_str().to_string(),
                severity: d.severity,
                count: 0,
                meaning: d.code.meaning(),
            })
            .count += 1;
    }
    let severity = |s: Severity| ir.diagnostics.iter().filter(|d| d.severity == s).count();

    let threshold = Threshold::new;
    let thresholds = vec![
        threshold(
            "API pages with an HTTP request section that give an endpoint",
            &http,
            99.0,
        ),
        threshold(
            "permission sections fully parsed or diagnosed",
            &perms,
            97.0,
        ),
        threshold(
            "pages that gave nothing and have a diagnostic",
            &Ratio {
                count: count(&gave_nothing) - undiagnosed.len(),
                of: count(&gave_nothing),
            },
            100.0,
        ),
    ];

    CorpusReport {
        docs: display.to_string(),
        pages_read: pages.len(),
        api_pages: count(&api),
        resource_pages: count(&resource),
        enum_pages: count(&|p| p.kind == PageKind::Enum),
        http_sections_with_endpoint: http,
        permission_sections_parsed: perms,
        api_pages_with_examples: with_examples,
        resource_pages_typed,
        examples_fit_model,
        example_urls_resolving: Ratio::default(),
        unresolved_urls: Vec::new(),
        pages_gave_nothing: count(&gave_nothing),
        pages_gave_nothing_undiagnosed: undiagnosed,
        operations: ir.operations.len(),
        models: ir.models.len(),
        enums: ir.enums.len(),
        diagnostics: by_code.into_values().collect(),
        errors: severity(Severity::Error),
        warnings: severity(Severity::Warning),
        wall_ms,
        thresholds,
    }
}

/// The report as a table for a terminal.
pub fn render(r: &CorpusReport) -> String {
    let mut out = String::new();
    let ratio = |x: &Ratio| format!("{} of {} ({:.1}%)", x.count, x.of, x.percent());
    let _ = writeln!(out, "corpus report for {}", r.docs);
    let rows: Vec<(&str, String)> = vec![
        ("pages read", r.pages_read.to_string()),
        ("API pages", r.api_pages.to_string()),
        ("resource pages", r.resource_pages.to_string()),
        ("enum pages", r.enum_pages.to_string()),
        (
            "HTTP request sections that gave an endpoint",
            ratio(&r.http_sections_with_endpoint),
        ),
        (
            "permission sections parsed (or unknown with a diagnostic)",
            ratio(&r.permission_sections_parsed),
        ),
        (
            "API pages with an example",
            ratio(&r.api_pages_with_examples),
        ),
        (
            "resource pages with a typed property",
            ratio(&r.resource_pages_typed),
        ),
        (
            "example responses that fit their type",
            ratio(&r.examples_fit_model),
        ),
        (
            "example request URLs that resolve to their operation",
            ratio(&r.example_urls_resolving),
        ),
        (
            "pages that gave nothing",
            format!(
                "{} ({} without a diagnostic)",
                r.pages_gave_nothing,
                r.pages_gave_nothing_undiagnosed.len()
            ),
        ),
        (
            "operations, models, enums",
            format!("{}, {}, {}", r.operations, r.models, r.enums),
        ),
        (
            "diagnostics",
            format!("{} errors, {} warnings", r.errors, r.warnings),
        ),
        ("wall time", format!("{} ms", r.wall_ms)),
    ];
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in rows {
        let _ = writeln!(out, "  {k:<width$}  {v}");
    }
    let _ = writeln!(out, "\ndiagnostics by code:");
    for c in &r.diagnostics {
        let _ = writeln!(
            out,
            "  {} {:<7} {:>6}  {}",
            c.code, c.severity, c.count, c.meaning
        );
    }
    let _ = writeln!(out, "\nthresholds:");
    for t in &r.thresholds {
        let _ = writeln!(
            out,
            "  {} {:>6.2}% (needs {:.0}%)  {}",
            if t.holds { "ok  " } else { "FAIL" },
            t.percent,
            t.required,
            t.figure
        );
    }
    if !r.unresolved_urls.is_empty() {
        let _ = writeln!(
            out,
            "\nexample request URLs that do not resolve to their operation:"
        );
        for u in &r.unresolved_urls {
            let instead = if u.resolved_to.is_empty() {
                "no operation".to_string()
            } else {
                u.resolved_to.join(", ")
            };
            let _ = writeln!(out, "  {}: {} {} -> {instead}", u.source, u.method, u.url);
        }
    }
    for f in &r.pages_gave_nothing_undiagnosed {
        let _ = writeln!(out, "  gave nothing, no diagnostic: {f}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulleted_permissions_count_as_parsed() {
        let page = |permissions: &str| {
            format!(
                "# Get attachment\n\n## Permissions\n\n{permissions}\n\n## HTTP request\n\n```http\nGET /me/messages/{{id}}/attachments/{{id}}\n```\n"
            )
        };
        let pages = [
            // The IR gives these their schemes, with `D0209`.
            page("* If accessing attachments in messages: Mail.Read."),
            page("Ask your administrator."),
        ];
        let names: Vec<String> = vec!["v1.0/api/a.md".into(), "v1.0/api/b.md".into()];
        let loader = crate::parse::Loader::memory(
            names.iter().cloned().zip(pages.iter().cloned()).collect(),
        );
        let parsed: Vec<bool> = crate::parse_pages(&loader, &names)
            .iter()
            .map(|p| summarise(p).permissions_parsed)
            .collect();
        assert_eq!(parsed, [true, true]);
        // Without the bullet's permissions, the prose page is unknown with
        // its `D0205`; a page whose sets are unknown with no diagnostic is not
        // parsed.
        let mut silent = crate::parse_pages(&loader, &names[1..]).remove(0);
        silent.diagnostics.clear();
        assert!(!summarise(&silent).permissions_parsed);
    }
}
