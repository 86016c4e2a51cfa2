//! Reading a staff spreadsheet of books (`book import FILE`): XLSX through calamine,
//! within the bounds of `bounds.rs` (rows, columns, cell length, what the zip inflates
//! to), or CSV whose encoding is detected — a byte-order mark, valid UTF-8, else
//! chardetng's verdict (Excel in China saves CSV as GBK; GBK is read as its superset
//! GB18030) — never guessed from the file name. Header names in Chinese or English;
//! every bad row is reported with its row number (the header is row 1).

use super::bounds;
use crate::store::NewBook;
use std::path::Path;

/// A spreadsheet read into books, each with its row number.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub rows: Vec<(usize, NewBook)>,
    /// What was read: `XLSX`, `CSV UTF-8`, `CSV GBK`…
    pub format: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Title,
    Author,
    Isbn,
    Category,
    Shelf,
    Copies,
    Publisher,
    Year,
    Summary,
}

/// Accepted header names (compared trimmed, lower case, without spaces and `*`).
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Title,
        &[
            "书名",
            "書名",
            "题名",
            "title",
            "name",
            "书籍名称",
            "图书名称",
        ],
    ),
    (Column::Author, &["作者", "著者", "author", "authors"]),
    (Column::Isbn, &["isbn", "isbn号", "书号", "国际标准书号"]),
    (Column::Category, &["分类", "分類", "类别", "category"]),
    (
        Column::Shelf,
        &["位置", "书架", "架位", "存放位置", "shelf", "location"],
    ),
    (
        Column::Copies,
        &[
            "数量",
            "數量",
            "册数",
            "本数",
            "复本数",
            "copies",
            "quantity",
            "qty",
        ],
    ),
    (Column::Publisher, &["出版社", "publisher"]),
    (Column::Year, &["年份", "出版年", "出版年份", "year"]),
    (
        Column::Summary,
        &["简介", "簡介", "内容简介", "summary", "description"],
    ),
];

fn column_of(header: &str) -> Option<Column> {
    let h: String = header
        .trim()
        .trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .collect::<String>()
        .to_lowercase();
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(c, _)| *c)
}

/// Reads `path` (a regular file of at most 5 MB) into books. Errors are sentences for
/// the person at the terminal, one per bad row.
pub fn read(path: &Path) -> Result<Sheet, Vec<String>> {
    let bytes = crate::files::read_bounded(path, crate::files::IMPORT_MAX_BYTES, "文件")
        .map_err(|e| vec![e.to_string()])?;
    parse(&bytes)
}

/// [`read`] on bytes already in memory.
pub fn parse(bytes: &[u8]) -> Result<Sheet, Vec<String>> {
    let (cells, format) =
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            (
                spreadsheet(bytes).map_err(|e| vec![e.to_string()])?,
                "XLSX".to_string(),
            )
        } else {
            let (text, encoding) = decode(bytes).map_err(|e| vec![e.to_string()])?;
            (
                csv_cells(&text).map_err(|e| vec![e.to_string()])?,
                format!("CSV {encoding}"),
            )
        };
    let rows = books_of(&cells)?;
    Ok(Sheet { rows, format })
}

/// The text of a CSV file and the name of its encoding.
fn decode(bytes: &[u8]) -> crate::store::Result<(String, &'static str)> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(format!(
                "文件开头标明是 {}，但内容不是 (bad {} text)",
                encoding.name(),
                encoding.name()
            )
            .into());
        }
        return Ok((text.into_owned(), encoding.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    if encoding == encoding_rs::GBK {
        encoding = encoding_rs::GB18030;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(
            "认不出文件的文字编码，请在 Excel 里另存为“CSV UTF-8”再试 (unknown text encoding)"
                .to_string()
                .into(),
        );
    }
    let name = if encoding == encoding_rs::GB18030 {
        "GBK/GB18030"
    } else {
        encoding.name()
    };
    Ok((text.into_owned(), name))
}

fn csv_cells(text: &str) -> crate::store::Result<Vec<Vec<String>>> {
    let first = text.lines().next().unwrap_or("");
    let delimiter = if !first.contains(',') && first.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i >= bounds::ROWS_MAX {
            return Err(bounds::too_many_rows().into());
        }
        let record = record.map_err(|e| format!("第 {} 行读不出来 (bad CSV: {e})", i + 1))?;
        let mut row = Vec::with_capacity(record.len().min(bounds::COLUMNS_MAX));
        for (j, cell) in record.iter().take(bounds::COLUMNS_MAX).enumerate() {
            if cell.chars().count() > bounds::CELL_MAX_CHARS {
                return Err(bounds::cell_too_long(i + 1, j + 1).into());
            }
            row.push(cell.to_string());
        }
        rows.push(row);
    }
    Ok(rows)
}

fn spreadsheet(bytes: &[u8]) -> crate::store::Result<Vec<Vec<String>>> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // Excel 97–2003: no reader of it keeps within the bounds (it lays a sheet out whole).
        return Err(
            "这是旧的 .xls 表格：请在 Excel 或 WPS 里“另存为” .xlsx 或 CSV 再导入 (.xls is not read; save as .xlsx or CSV)"
                .to_string()
                .into(),
        );
    }
    Ok(bounds::xlsx_cells(bytes)?)
}

/// The first non-blank row names the columns; every later non-blank row is a book.
fn books_of(cells: &[Vec<String>]) -> Result<Vec<(usize, NewBook)>, Vec<String>> {
    let blank = |row: &Vec<String>| row.iter().all(|c| c.trim().is_empty());
    let Some(header_at) = cells.iter().position(|r| !blank(r)) else {
        return Err(vec!["文件是空的 (the file is empty)".to_string()]);
    };
    let columns: Vec<Option<Column>> = cells[header_at].iter().map(|h| column_of(h)).collect();
    if !columns.contains(&Some(Column::Title)) {
        return Err(vec![format!(
            "第 {} 行应是表头，要有“书名”(title) 一列；认得的列名：书名/title、作者/author、ISBN、分类/category、位置/shelf、数量/copies、出版社/publisher、年份/year、简介/summary (no title column)",
            header_at + 1
        )]);
    }
    let mut books = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in cells.iter().enumerate().skip(header_at + 1) {
        if blank(row) {
            continue;
        }
        let line = i + 1;
        let mut book = NewBook {
            copies: 1,
            ..NewBook::default()
        };
        let mut bad = Vec::new();
        for (cell, column) in row.iter().zip(&columns) {
            let value = cell.trim();
            let Some(column) = column else { continue };
            let some = || (!value.is_empty()).then(|| value.to_string());
            match column {
                Column::Title => book.title = value.to_string(),
                Column::Author => book.author = value.to_string(),
                Column::Isbn => book.isbn = some(),
                Column::Category => book.category = some(),
                Column::Shelf => book.shelf = value.to_string(),
                Column::Publisher => book.publisher = some(),
                Column::Summary => book.summary = value.to_string(),
                Column::Copies if value.is_empty() => {}
                Column::Copies => match number(value, &['本', '册', '冊']) {
                    Some(n) if n >= 0 => book.copies = n as u32,
                    _ => bad.push(format!("数量“{value}”不是数字 (copies)")),
                },
                Column::Year if value.is_empty() => {}
                Column::Year => match number(value, &['年']) {
                    Some(y) => book.year = Some(y as i32),
                    None => bad.push(format!("年份“{value}”不是数字 (year)")),
                },
            }
        }
        if book.title.trim().is_empty() {
            bad.push("书名是空的 (title is empty)".to_string());
        }
        if bad.is_empty() {
            books.push((line, book));
        } else {
            errors.push(format!("第 {line} 行：{}", bad.join("；")));
        }
    }
    if !errors.is_empty() {
        return Err(bounds::listed(errors));
    }
    if books.is_empty() {
        return Err(vec!["表头下面没有图书 (no rows)".to_string()]);
    }
    Ok(books)
}

/// `3`, `3本`, `3.0` → 3; anything else → None.
fn number(text: &str, units: &[char]) -> Option<i64> {
    let t = text.trim().trim_end_matches(units).trim();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    t.parse::<f64>()
        .ok()
        .filter(|f| f.fract() == 0.0 && f.abs() < 1e9)
        .map(|f| f as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "书名,作者,ISBN,分类,位置,数量\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let text = format!("{HEADER}红楼梦,曹雪芹,9787020002207,文学小说,B 架第 2 层,2\n");
        for bytes in [
            text.clone().into_bytes(),
            [b"\xEF\xBB\xBF", text.as_bytes()].concat(),
        ] {
            let sheet = parse(&bytes).unwrap();
            assert_eq!(sheet.format, "CSV UTF-8");
            let (line, book) = &sheet.rows[0];
            assert_eq!(*line, 2);
            assert_eq!(book.title, "红楼梦");
            assert_eq!(book.copies, 2);
            assert_eq!(book.shelf, "B 架第 2 层");
            assert_eq!(book.isbn.as_deref(), Some("9787020002207"));
        }
    }

    #[test]
    fn gbk_is_detected() {
        let text = format!(
            "{HEADER}红楼梦,曹雪芹,,文学小说,B 架第 2 层,2\n平凡的世界,路遥,,文学小说,B 架第 3 层,1\n骆驼祥子,老舍,,,,\n"
        );
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let sheet = parse(&bytes).unwrap();
        assert_eq!(sheet.format, "CSV GBK/GB18030");
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(sheet.rows[1].1.author, "路遥");
        assert_eq!(sheet.rows[2].1.copies, 1, "copies default to 1");
    }

    #[test]
    fn english_headers_any_order_and_quotes() {
        let text = "Copies,Title,Author,Year\n3,\"Hello, World\",Anon,2019年\n";
        let sheet = parse(text.as_bytes()).unwrap();
        let b = &sheet.rows[0].1;
        assert_eq!(
            (b.title.as_str(), b.copies, b.year),
            ("Hello, World", 3, Some(2019))
        );
    }

    #[test]
    fn bad_rows_are_listed_with_their_numbers() {
        let text = format!("{HEADER}红楼梦,曹雪芹,,,,两本\n,无名,,,,1\n\n好书,某人,,,,1\n");
        let errors = parse(text.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("第 2 行") && errors[0].contains("数量"));
        assert!(errors[1].starts_with("第 3 行") && errors[1].contains("书名"));
        let errors = parse("作者\n曹雪芹\n".as_bytes()).unwrap_err();
        assert!(errors[0].contains("书名"), "{errors:?}");
        assert!(parse(b"").is_err());
    }
}
