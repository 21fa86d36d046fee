//! Where the workbook builders hang. Excel pages document their paths
//! relative to a drive item (`/workbook/worksheets/{id}`), and a few under
//! one (`/me/drive/root/workbook/...`); Graph serves them below any way of
//! addressing the file (`/me/drive/items/{id}`, `/drives/{id}/root:/a.xlsx:`,
//! ...). So the workbook paths form one tree of their own, and every drive
//! item builder steps into it with `workbook()`: `root()` never gets a
//! `workbook()` that would send `/v1.0/workbook/...`, which Graph rejects.

use super::requests::Step;

/// Where a path enters a workbook: the index of its `workbook` segment, when
/// that segment starts the path or follows a drive item.
pub(super) fn split(steps: &[Step]) -> Option<usize> {
    let at = steps
        .iter()
        .position(|s| matches!(s, Step::Literal(t) if t.eq_ignore_ascii_case("workbook")))?;
    (at == 0 || is_drive_item(&steps[..at])).then_some(at)
}

/// Whether a path ends at a drive item: `.../drive/items/{id}`,
/// `/drives/{id}/items/{id}`, a drive's `root`, or `root:/path:`.
pub(super) fn is_drive_item(steps: &[Step]) -> bool {
    let literal = |i: usize, word: &str| matches!(steps.get(i), Some(Step::Literal(t)) if t.eq_ignore_ascii_case(word));
    let key = |i: usize| matches!(steps.get(i), Some(Step::Key { .. }));
    // The drive that holds the last segment ends at `end` (exclusive):
    // `drive`, or `drives/{id}`.
    let drive_ends_at = |end: usize| {
        end >= 1 && literal(end - 1, "drive")
            || end >= 2 && key(end - 1) && literal(end - 2, "drives")
    };
    let n = steps.len();
    match steps.last() {
        Some(Step::ItemPath { .. }) => true,
        Some(Step::Literal(t)) if t.eq_ignore_ascii_case("root") => drive_ends_at(n - 1),
        Some(Step::Key { .. }) => n >= 2 && literal(n - 2, "items") && drive_ends_at(n - 2),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::requests::steps;
    use super::*;

    #[test]
    fn drive_items_are_told_from_other_paths() {
        for item in [
            "/me/drive/items/{item-id}",
            "/drives/{drive-id}/items/{item-id}",
            "/sites/{site-id}/drive/root",
            "/drives/{drive-id}/root",
            "/me/drive/root:/{item-path}:",
            "/drive/items/{id}",
        ] {
            assert!(is_drive_item(&steps(item)), "{item}");
        }
        for other in [
            "/me/drive",
            "/me/drive/items",
            "/users/{id}/messages/{message-id}",
            "/items/{id}",
            "/me/root",
            "/drives/{drive-id}/list/items/{item-id}",
            "",
        ] {
            assert!(!is_drive_item(&steps(other)), "{other}");
        }
    }

    #[test]
    fn workbook_paths_split_where_the_workbook_starts() {
        assert_eq!(split(&steps("/workbook/worksheets/{id}")), Some(0));
        assert_eq!(
            split(&steps("/me/drive/root/workbook/worksheets/{id}/range")),
            Some(3)
        );
        assert_eq!(
            split(&steps("/me/drive/items/{id}/workbook/tables")),
            Some(4)
        );
        // Not below a drive item, or no workbook at all.
        assert_eq!(split(&steps("/me/workbook/tables")), None);
        assert_eq!(split(&steps("/me/drive/items/{id}/children")), None);
    }
}
