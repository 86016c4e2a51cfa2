//! What a spreadsheet of books may grow to while it is read, and an XLSX read within it.
//!
//! A 5 MB file is not a small one: an XLSX is a zip, and a 3 MB sheet can inflate to a GiB;
//! a sheet that names one cell at A1 and one at XFD1048576 is a 17-billion-cell rectangle
//! to a reader that lays it out densely (calamine's `Range` does). So the parts of an XLSX
//! are inflated once into nothing, counting what really comes out (not what the zip
//! header claims), before anything parses them; the worksheet is then read cell by cell
//! in stream order (calamine's cell reader), and reading stops at the first bound passed.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};

/// The most the parts of an XLSX may inflate to, together. A reading corner's list of a
/// thousand books is about 1 MB of XML.
pub const EXPANDED_MAX_BYTES: u64 = 32 << 20;
/// The most rows a sheet may number (header and blank rows included): a station has
/// hundreds of books, a district library a few thousand.
pub const ROWS_MAX: usize = 10_000;
/// Columns after this many are not read (nine are known; a header is in the first row).
pub const COLUMNS_MAX: usize = 64;
/// The most characters a cell may hold (a summary is at most 1,000).
pub const CELL_MAX_CHARS: usize = 2_000;
/// Problems listed by row; past this many only their number is said.
pub const ERRORS_LISTED: usize = 50;

/// The sentence for a file with more rows than [`ROWS_MAX`].
pub fn too_many_rows() -> String {
    format!("表格超过 {ROWS_MAX} 行，请分成几个文件导入 (more than {ROWS_MAX} rows)")
}

/// The sentence for a cell longer than [`CELL_MAX_CHARS`].
pub fn cell_too_long(row: usize, column: usize) -> String {
    format!(
        "第 {row} 行第 {column} 列的字太多（最多 {CELL_MAX_CHARS} 个字）(cell longer than {CELL_MAX_CHARS} characters)"
    )
}

/// `problems` as listed: the first [`ERRORS_LISTED`], then how many more there are.
pub fn listed(mut problems: Vec<String>) -> Vec<String> {
    if problems.len() > ERRORS_LISTED {
        let more = problems.len() - ERRORS_LISTED;
        problems.truncate(ERRORS_LISTED);
        problems.push(format!(
            "……还有 {more} 行有问题，请先改好上面这些 ({more} more rows with problems)"
        ));
    }
    problems
}

/// Inflates every part of the zip in `bytes` into nothing, and refuses the file when
/// together they come to more than [`EXPANDED_MAX_BYTES`]: what the headers declare is
/// checked first, then what really comes out (a header may lie).
fn check_expansion(bytes: &[u8]) -> Result<(), String> {
    let too_big = || {
        format!(
            "表格解压后超过 {} MB，不像图书清单，没有导入 (the spreadsheet inflates past {} MB)",
            EXPANDED_MAX_BYTES >> 20,
            EXPANDED_MAX_BYTES >> 20
        )
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("表格文件打不开 (cannot open spreadsheet: {e})"))?;
    let declared = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > EXPANDED_MAX_BYTES {
        return Err(too_big());
    }
    let mut inflated = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| format!("表格文件打不开 (cannot open spreadsheet: {e})"))?;
        let room = EXPANDED_MAX_BYTES - inflated;
        let n = std::io::copy(&mut entry.take(room + 1), &mut std::io::sink())
            .map_err(|e| format!("表格文件已损坏 (damaged spreadsheet: {e})"))?;
        inflated += n;
        if inflated > EXPANDED_MAX_BYTES {
            return Err(too_big());
        }
    }
    Ok(())
}

/// A cell's words as the import reads them: whole numbers without `.0`.
pub fn cell_text(cell: Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s,
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The first worksheet of the XLSX in `bytes`, as rows of cells the way the sheet numbers
/// them (row 1 first), within the bounds above.
pub fn xlsx_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    check_expansion(bytes)?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        format!("表格文件打不开，只认 .xlsx 和 .csv (cannot open spreadsheet: {e})")
    })?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| "表格里没有工作表 (no worksheet)".to_string())?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| format!("工作表读不出来 (cannot read worksheet: {e})"))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| format!("工作表读不出来 (cannot read worksheet: {e})"))?
    {
        let (row, column) = cell.get_position();
        let (row, column) = (row as usize, column as usize);
        if row >= ROWS_MAX {
            return Err(too_many_rows());
        }
        if column >= COLUMNS_MAX {
            continue;
        }
        let text = cell_text(Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        if text.chars().count() > CELL_MAX_CHARS {
            return Err(cell_too_long(row + 1, column + 1));
        }
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        let line = &mut rows[row];
        if line.len() <= column {
            line.resize(column + 1, String::new());
        }
        line[column] = text;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::books::import::parse;
    use std::io::Write;

    /// An XLSX with `sheet` as its first worksheet's XML, written with the zip crate.
    fn xlsx(sheet: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let parts: [(&str, &[u8]); 4] = [
            (
                "_rels/.rels",
                br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        for (name, bytes) in parts {
            zip.start_file(name, deflated).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn cell(r: &str, words: &str) -> String {
        format!(r#"<c r="{r}" t="inlineStr"><is><t>{words}</t></is></c>"#)
    }

    /// A worksheet of `rows` (each its cells' XML), with `padding` bytes of spaces after.
    fn sheet(rows: &[String], padding: usize) -> Vec<u8> {
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        for (i, cells) in rows.iter().enumerate() {
            xml.push_str(&format!(r#"<row r="{}">{cells}</row>"#, i + 1));
        }
        xml.push_str(&" ".repeat(padding));
        xml.push_str("</sheetData></worksheet>");
        xml.into_bytes()
    }

    fn books(n: usize) -> Vec<String> {
        let mut rows = vec![cell("A1", "书名") + &cell("B1", "作者")];
        for i in 2..n + 2 {
            rows.push(cell(&format!("A{i}"), &format!("书{i}")) + &cell(&format!("B{i}"), "某人"));
        }
        rows
    }

    #[test]
    fn a_plain_xlsx_is_read() {
        let sheet = parse(&xlsx(&sheet(&books(3), 0))).unwrap();
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(sheet.rows[0], (2, sheet.rows[0].1.clone()));
        assert_eq!(sheet.rows[2].1.title, "书4");
        assert_eq!(sheet.rows[2].1.author, "某人");
    }

    #[test]
    fn a_sheet_that_inflates_past_the_bound_is_refused_before_it_is_parsed() {
        // 40 MB of XML in a file of a few tens of kilobytes.
        let file = xlsx(&sheet(&books(2), 40 << 20));
        assert!(file.len() < 1 << 20, "{}", file.len());
        let errors = parse(&file).unwrap_err();
        assert!(errors[0].contains("解压后超过 32 MB"), "{errors:?}");
    }

    #[test]
    fn a_zip_header_that_lies_about_the_size_is_not_believed() {
        let mut file = xlsx(&sheet(&books(2), 40 << 20));
        // Every size field of the sheet says 1,000 bytes: the local header (offset 22)
        // and the central directory's (offset 24) for the entry that is 40 MB.
        let name = b"xl/worksheets/sheet1.xml";
        let mut patched = 0;
        for at in 0..file.len() - 4 {
            let local = file[at..].starts_with(&[0x50, 0x4b, 0x03, 0x04]);
            let central = file[at..].starts_with(&[0x50, 0x4b, 0x01, 0x02]);
            let (size_at, name_at) = match (local, central) {
                (true, _) => (at + 22, at + 30),
                (_, true) => (at + 24, at + 46),
                _ => continue,
            };
            if file.get(name_at..name_at + name.len()) == Some(&name[..]) {
                file[size_at..size_at + 4].copy_from_slice(&1000u32.to_le_bytes());
                patched += 1;
            }
        }
        assert_eq!(patched, 2);
        let errors = parse(&file).unwrap_err();
        assert!(
            errors[0].contains("解压后超过") || errors[0].contains("损坏"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_cell_at_the_far_corner_does_not_make_a_huge_sheet() {
        // A1 and XFD1048576: 17 billion cells to a dense reader.
        let mut rows = books(1);
        rows.push(String::new());
        let mut xml = String::from_utf8(sheet(&rows, 0)).unwrap();
        xml = xml.replace(
            "</sheetData>",
            &format!(
                r#"<row r="1048576">{}</row></sheetData>"#,
                cell("XFD1048576", "x")
            ),
        );
        let errors = parse(&xlsx(xml.as_bytes())).unwrap_err();
        assert_eq!(errors, vec![too_many_rows()]);
    }

    #[test]
    fn rows_past_the_bound_are_refused_in_xlsx_and_csv() {
        let errors = parse(&xlsx(&sheet(&books(ROWS_MAX), 0))).unwrap_err();
        assert_eq!(errors, vec![too_many_rows()]);
        assert!(parse(&xlsx(&sheet(&books(ROWS_MAX - 1), 0))).is_ok());
        let mut csv = String::from("书名\n");
        for i in 0..ROWS_MAX {
            csv.push_str(&format!("书{i}\n"));
        }
        assert_eq!(parse(csv.as_bytes()).unwrap_err(), vec![too_many_rows()]);
    }

    #[test]
    fn a_cell_too_long_is_refused_with_its_place() {
        let long = "长".repeat(CELL_MAX_CHARS + 1);
        let rows = vec![cell("A1", "书名"), cell("A2", "好书") + &cell("B2", &long)];
        let errors = parse(&xlsx(&sheet(&rows, 0))).unwrap_err();
        assert_eq!(errors, vec![cell_too_long(2, 2)]);
        let errors = parse(format!("书名,简介\n好书,{long}\n").as_bytes()).unwrap_err();
        assert_eq!(errors, vec![cell_too_long(2, 2)]);
    }

    #[test]
    fn columns_past_the_bound_are_not_read() {
        let far = "好,".repeat(COLUMNS_MAX + 10);
        let sheet = parse(format!("书名\n书一,{far}\n").as_bytes()).unwrap();
        assert_eq!(sheet.rows[0].1.title, "书一");
    }

    #[test]
    fn many_bad_rows_are_listed_up_to_the_bound_then_counted() {
        let mut csv = String::from("书名,数量\n");
        for _ in 0..200 {
            csv.push_str("好书,很多\n");
        }
        let errors = parse(csv.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), ERRORS_LISTED + 1);
        assert!(errors[0].starts_with("第 2 行"), "{errors:?}");
        assert!(
            errors[ERRORS_LISTED].contains("还有 150 行有问题"),
            "{errors:?}"
        );
    }

    #[test]
    fn an_old_xls_file_says_to_save_it_as_xlsx() {
        let errors = parse(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap_err();
        assert!(errors[0].contains("另存为"), "{errors:?}");
    }
}
