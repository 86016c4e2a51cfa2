//! `relay-kiosk book …`: the reading corner's catalogue (阅读角): add, list, show, set,
//! remove, search (exactly the kiosk's search order), cover, import, categories, loans.

use super::output::{ACTOR, CliError, CliResult, local, print_json};
use chrono::{DateTime, Local, Utc};
use clap::{Args, Subcommand};
use relay_core::books::Catalog;
use relay_core::store::{Book, BookId, ImportOptions, NewBook, Store, normalize_isbn};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct BookFields {
    /// The title, without 《》.
    #[arg(long)]
    pub title: Option<String>,
    /// The author (or authors, as on the cover).
    #[arg(long)]
    pub author: Option<String>,
    /// ISBN-10 or ISBN-13 (hyphens allowed); checked, stored as 13 digits.
    #[arg(long)]
    pub isbn: Option<String>,
    /// A category name (see `book category list`).
    #[arg(long)]
    pub category: Option<String>,
    /// Where it stands, e.g. "B 架第 2 层".
    #[arg(long)]
    pub shelf: Option<String>,
    /// How many copies the reading corner has (default 1).
    #[arg(long)]
    pub copies: Option<u32>,
    /// The publisher.
    #[arg(long)]
    pub publisher: Option<String>,
    /// The year it was published.
    #[arg(long)]
    pub year: Option<i32>,
    /// A few lines about the book, shown on its page.
    #[arg(long)]
    pub summary: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BookCommand {
    /// Add a book: `book add --title T --author A [--isbn N] [--category C] [--shelf S]
    /// [--copies N] [--publisher P] [--year Y] [--summary TEXT]`.
    Add {
        #[command(flatten)]
        fields: BookFields,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List every book, by id.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show one book (by id or ISBN).
    Show {
        /// The book's id or ISBN.
        book: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change a book (by id or ISBN); fields not given stay as they are.
    Set {
        /// The book's id or ISBN.
        book: String,
        #[command(flatten)]
        fields: BookFields,
    },
    /// Remove a book (refused while a copy is out on loan).
    Remove {
        /// The book's id or ISBN.
        book: String,
    },
    /// Search as the kiosk's search box does, in the same order.
    Search {
        /// Title, author or ISBN; pinyin (santi) or its initials (st) too.
        query: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Set a book's cover (JPEG, PNG or WebP; at most 20 MB and 40 megapixels).
    Cover {
        /// The book's id or ISBN.
        book: String,
        /// The image file.
        file: PathBuf,
    },
    /// Import books from a CSV (UTF-8 or GBK) or XLSX file: all rows or none.
    Import {
        /// The .csv or .xlsx file (see the README for its columns).
        file: PathBuf,
        /// Check and count only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Make the categories the file names that the station does not have yet (and
        /// list them); without it such a file is refused.
        #[arg(long)]
        create_categories: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Book categories (分类): list, add, rename, remove (when unused).
    #[command(subcommand)]
    Category(CategoryCommand),
    /// Loans not yet returned, overdue first (staff only: names and phone tails).
    Loans {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Bench data: add N generated books (and some loans) to an empty catalogue.
    #[command(hide = true)]
    Generate { n: usize },
}

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Id, name and how many books are filed under it.
    List,
    /// Add a category.
    Add {
        /// Its name, up to 12 characters.
        name: String,
    },
    /// Rename a category (its books follow).
    Rename {
        /// The category's id (see `book category list`).
        id: i64,
        /// Its new name.
        name: String,
    },
    /// Remove a category no book is filed under.
    Remove {
        /// The category's id (see `book category list`).
        id: i64,
    },
}

fn book_json(b: &Book) -> serde_json::Value {
    json!({
        "id": b.id,
        "title": b.title,
        "author": b.author,
        "publisher": b.publisher,
        "year": b.year,
        "isbn": b.isbn,
        "category": b.category,
        "shelf": b.shelf,
        "copies": b.copies,
        "out": b.out,
        "in_shelf": b.in_shelf(),
        "summary": b.summary,
        "cover": b.cover,
        "added": b.added.to_string(),
    })
}

/// A book named by its id (`12`, `#12`) or its ISBN (10 or 13 digits).
fn find(store: &Store, key: &str) -> Result<BookId, CliError> {
    let key = key.trim();
    let digits = key.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    if digits >= 10 {
        let isbn = normalize_isbn(key)?;
        return Ok(store
            .book_by_isbn(&isbn)?
            .ok_or_else(|| format!("没有 ISBN 为 {isbn} 的图书 (no such book)"))?
            .id);
    }
    let id: BookId = key
        .trim_start_matches('#')
        .parse()
        .map_err(|_| format!("“{key}”不是图书编号或 ISBN (not a book id or ISBN)"))?;
    store.book(id)?;
    Ok(id)
}

fn merged(old: Option<&Book>, f: BookFields) -> Result<NewBook, CliError> {
    let title = f
        .title
        .or(old.map(|b| b.title.clone()))
        .ok_or("请用 --title 给出书名 (--title is required)")?;
    Ok(NewBook {
        title,
        author: f
            .author
            .or(old.map(|b| b.author.clone()))
            .unwrap_or_default(),
        publisher: f.publisher.or(old.and_then(|b| b.publisher.clone())),
        year: f.year.or(old.and_then(|b| b.year)),
        isbn: f.isbn.or(old.and_then(|b| b.isbn.clone())),
        category: f.category.or(old
            .filter(|b| b.category_id.is_some())
            .map(|b| b.category.clone())),
        shelf: f.shelf.or(old.map(|b| b.shelf.clone())).unwrap_or_default(),
        copies: f.copies.or(old.map(|b| b.copies)).unwrap_or(1),
        summary: f
            .summary
            .or(old.map(|b| b.summary.clone()))
            .unwrap_or_default(),
    })
}

fn print_book(out: &mut dyn Write, b: &Book) -> CliResult {
    writeln!(out, "#{} 《{}》 {}", b.id, b.title, b.author)?;
    let mut line = vec![format!("分类 {}", b.category)];
    if !b.shelf.is_empty() {
        line.push(format!("位置 {}", b.shelf));
    }
    line.push(format!("在架 {}/{} 本", b.in_shelf(), b.copies));
    writeln!(out, "  {}", line.join("  "))?;
    if let Some(isbn) = &b.isbn {
        writeln!(out, "  ISBN {isbn}")?;
    }
    let mut pub_line = Vec::new();
    if let Some(p) = &b.publisher {
        pub_line.push(p.clone());
    }
    if let Some(y) = b.year {
        pub_line.push(format!("{y} 年"));
    }
    if !pub_line.is_empty() {
        writeln!(out, "  {}", pub_line.join("，"))?;
    }
    if !b.summary.is_empty() {
        writeln!(out, "  {}", b.summary)?;
    }
    if let Some(c) = &b.cover {
        writeln!(out, "  封面 {}", c.display())?;
    }
    Ok(())
}

pub fn run(
    command: BookCommand,
    store: &mut Store,
    now: &DateTime<Local>,
    out: &mut dyn Write,
) -> CliResult {
    let utc = now.with_timezone(&Utc);
    match command {
        BookCommand::Add { fields, json } => {
            let book = merged(None, fields)?;
            let id = store.book_add_by(&book, utc, ACTOR)?;
            let b = store.book(id)?;
            if json {
                return print_json(out, &[book_json(&b)]);
            }
            writeln!(out, "已添加图书 #{id} 《{}》", b.title)?;
        }
        BookCommand::List { json } => {
            let books = store.books()?;
            if json {
                let items: Vec<_> = books.iter().map(book_json).collect();
                return print_json(out, &items);
            }
            if books.is_empty() {
                writeln!(out, "还没有图书。 (no books)")?;
            }
            for b in &books {
                writeln!(
                    out,
                    "#{}\t《{}》\t{}\t{}\t在架 {}/{}",
                    b.id,
                    b.title,
                    b.author,
                    b.category,
                    b.in_shelf(),
                    b.copies
                )?;
            }
        }
        BookCommand::Show { book, json } => {
            let b = store.book(find(store, &book)?)?;
            if json {
                return print_json(out, &[book_json(&b)]);
            }
            print_book(out, &b)?;
        }
        BookCommand::Set { book, fields } => {
            let id = find(store, &book)?;
            let old = store.book(id)?;
            let new = merged(Some(&old), fields)?;
            store.book_set_by(id, &new, utc, ACTOR)?;
            writeln!(out, "已修改图书 #{id} 《{}》", new.title.trim())?;
        }
        BookCommand::Remove { book } => {
            let id = find(store, &book)?;
            let title = store.book(id)?.title;
            store.book_remove_by(id, utc, ACTOR)?;
            writeln!(out, "已删除图书 #{id} 《{title}》")?;
        }
        BookCommand::Search { query, json } => {
            let catalog = Catalog::load(store, utc)?;
            let found = catalog.search(&query);
            let cards: Vec<_> = found.iter().filter_map(|&id| catalog.card(id)).collect();
            if json {
                let items: Vec<_> = cards
                    .iter()
                    .map(|c| {
                        json!({
                            "id": c.id,
                            "title": c.title,
                            "author": c.author,
                            "copies": c.copies,
                            "out": c.out,
                            "in_shelf": c.in_shelf(),
                        })
                    })
                    .collect();
                return print_json(out, &items);
            }
            if cards.is_empty() {
                writeln!(out, "没有找到“{}”。 (nothing found)", query.trim())?;
            }
            for c in &cards {
                writeln!(
                    out,
                    "#{}\t《{}》\t{}\t在架 {}/{}",
                    c.id,
                    c.title,
                    c.author,
                    c.in_shelf(),
                    c.copies
                )?;
            }
        }
        BookCommand::Cover { book, file } => {
            let id = find(store, &book)?;
            store.book_cover_set_by(id, &file, utc, ACTOR)?;
            let b = store.book(id)?;
            writeln!(out, "已设置《{}》的封面", b.title)?;
        }
        BookCommand::Import {
            file,
            dry_run,
            create_categories,
            json,
        } => {
            let options = ImportOptions {
                dry_run,
                create_categories,
            };
            return import(store, &file, options, json, utc, out);
        }
        BookCommand::Category(CategoryCommand::List) => {
            for c in store.book_categories_in_use()? {
                writeln!(
                    out,
                    "{}\t{}\t{} 种书",
                    c.category.id, c.category.name, c.books
                )?;
            }
        }
        BookCommand::Category(CategoryCommand::Rename { id, name }) => {
            store.book_category_rename(id, &name, ACTOR)?;
            writeln!(out, "分类 {id} 已改名为 {}", name.trim())?;
        }
        BookCommand::Category(CategoryCommand::Remove { id }) => {
            let name = store.book_category_remove(id, ACTOR)?;
            writeln!(out, "已删除分类 {id} {name}")?;
        }
        BookCommand::Category(CategoryCommand::Add { name }) => {
            let id = store.book_category_add_by(&name, utc, ACTOR)?;
            writeln!(out, "已添加分类 {id} {}", name.trim())?;
        }
        BookCommand::Generate { n } => {
            if store.books_count()? > 0 {
                return Err("已经有图书了，只能在空的目录里生成 (catalogue not empty)".into());
            }
            relay_core::books::generate::fill(store, n, utc)?;
            writeln!(out, "已生成 {n} 本书")?;
        }
        BookCommand::Loans { json } => {
            let loans = store.loans_out(utc)?;
            if json {
                let items: Vec<_> = loans
                    .iter()
                    .map(|l| {
                        json!({
                            "id": l.id,
                            "book_id": l.book_id,
                            "title": l.title,
                            "surname": l.surname,
                            "phone_tail": l.phone_tail,
                            "lent": local(l.lent),
                            "due": l.due.to_string(),
                            "overdue_days": l.overdue_days,
                        })
                    })
                    .collect();
                return print_json(out, &items);
            }
            if loans.is_empty() {
                writeln!(out, "没有借出未还的书。 (no loans out)")?;
            }
            for l in &loans {
                let late = if l.overdue_days > 0 {
                    format!("  逾期 {} 天", l.overdue_days)
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "#{}\t《{}》\t{} {}\t到期 {}{late}",
                    l.id, l.title, l.surname, l.phone_tail, l.due
                )?;
            }
        }
    }
    Ok(())
}

fn import(
    store: &mut Store,
    file: &std::path::Path,
    options: ImportOptions,
    json: bool,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> CliResult {
    let fail = |errors: Vec<String>| -> CliError {
        format!(
            "{} 没有导入，什么都没有改 (nothing imported):\n{}",
            file.display(),
            errors.join("\n")
        )
        .into()
    };
    let sheet = relay_core::books::import::read(file).map_err(fail)?;
    let books: Vec<NewBook> = sheet.rows.iter().map(|(_, b)| b.clone()).collect();
    let dry_run = options.dry_run;
    // Rows naming a category the station does not have fail (with the rest); the error
    // then says which are missing and names the flag that makes them.
    let missing = if options.create_categories {
        Vec::new()
    } else {
        store.missing_categories(&books)?
    };
    let summary = store
        .book_import_with(&books, now, ACTOR, options)
        .map_err(|errors| {
            fail(
                relay_core::books::from_file::row_errors(&sheet, errors)
                    .into_iter()
                    .chain((!missing.is_empty()).then(|| {
                        format!(
                            "还没有这些分类：{}。先添加它们（book category add 或 图书 › 分类），\
                             或者加 --create-categories 一并建好 (missing categories; add --create-categories)",
                            missing.join("、")
                        )
                    }))
                    .collect(),
            )
        })?;
    if json {
        return print_json(
            out,
            &[json!({
                "format": sheet.format,
                "rows": books.len(),
                "added": summary.added,
                "merged": summary.merged,
                "copies": summary.copies,
                "created_categories": summary.created,
                "dry_run": dry_run,
            })],
        );
    }
    let verb = if dry_run {
        "将导入（预览，未写入）"
    } else {
        "已导入"
    };
    writeln!(
        out,
        "{verb} {} 行（{}）：新书 {} 种，按 ISBN 合并 {} 行，共 {} 本",
        books.len(),
        sheet.format,
        summary.added,
        summary.merged,
        summary.copies
    )?;
    if !summary.created.is_empty() {
        let verb = if dry_run {
            "将新建分类"
        } else {
            "新建了分类"
        };
        writeln!(out, "{verb}：{}", summary.created.join("、"))?;
    }
    Ok(())
}
