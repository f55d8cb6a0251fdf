package output

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/paperlist/paperlist"
)

//go:embed sqlite.sql
var sqliteSchema string

// ErrNoFTS5 means the SQLite compiled into this binary lacks FTS5:
// mattn/go-sqlite3 includes it only with the build tag sqlite_fts5 (the
// Makefile and the GitHub Action set it).
var ErrNoFTS5 = errors.New("this paperlist was built without SQLite FTS5: build it with -tags sqlite_fts5")

// WriteSQLite writes papers as an SQLite database (papers.db): the tables
// papers, authors, links, notes and sources, and the FTS5 index papers_fts
// over title, abstract, authors and notes (schema in sqlite.sql). The
// database is built in memory and its file image written to w, so it goes
// through the same atomic replacement as every other file: a reader never
// sees a half-built papers.db. The same papers give the same bytes.
func WriteSQLite(w io.Writer, papers []paperlist.Paper) error {
	ctx := context.Background()
	// One connection: an in-memory database lives and dies with it.
	db, err := sql.Open("sqlite3", "file:papers.db?mode=memory&_foreign_keys=1")
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, sqliteSchema); err != nil {
		if strings.Contains(err.Error(), "no such module: fts5") {
			return ErrNoFTS5
		}
		return fmt.Errorf("sqlite: schema: %w", err)
	}
	if err := insertPapers(ctx, conn, papers); err != nil {
		return err
	}
	var image []byte
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		var err error
		image, err = c.Serialize("main")
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: serialize: %w", err)
	}
	_, err = w.Write(image)
	return err
}

func insertPapers(ctx context.Context, conn *sql.Conn, papers []paperlist.Paper) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer tx.Rollback()
	stmts := map[string]string{
		"papers": `INSERT INTO papers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		"author": `INSERT INTO authors VALUES (?,?,?,?,?)`,
		"link":   `INSERT OR IGNORE INTO links VALUES (?,?,?)`,
		"note":   `INSERT INTO notes VALUES (?,?,?)`,
		"source": `INSERT INTO sources VALUES (?,?,?)`,
		"fts":    `INSERT INTO papers_fts VALUES (?,?,?,?,?)`,
	}
	prepared := map[string]*sql.Stmt{}
	for name, q := range stmts {
		s, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("sqlite: %s: %w", name, err)
		}
		defer s.Close()
		prepared[name] = s
	}
	exec := func(name string, p *paperlist.Paper, args ...any) error {
		if _, err := prepared[name].ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("sqlite: %s of %s: %w", name, p.ID, err)
		}
		return nil
	}
	for i := range papers {
		p := &papers[i]
		read := 0
		if p.Read {
			read = 1
		}
		if err := exec("papers", p, p.ID, i+1, null(p.Venue), nullInt(p.Year), null(p.Group), null(p.ListTitle), null(p.Title),
			null(p.Link), read, null(p.Abstract), null(p.PDFURL), null(string(p.PDFKind)), null(p.DOI), null(p.Booktitle),
			null(p.Pages), null(p.CodeURL), null(p.SlidesURL), null(p.VideoURL), null(p.ArxivID), string(p.Status),
			null(strings.Join(p.Errors, "\n")), nullInt(p.Line)); err != nil {
			return err
		}
		names := make([]string, len(p.Authors))
		for j, a := range p.Authors {
			names[j] = a.Name
			if err := exec("author", p, p.ID, j+1, a.Name, null(a.Affiliation), null(a.ORCID)); err != nil {
				return err
			}
		}
		for _, l := range paperLinks(p) {
			if err := exec("link", p, p.ID, l.kind, l.url); err != nil {
				return err
			}
		}
		for j, n := range p.Notes {
			if err := exec("note", p, p.ID, j+1, n); err != nil {
				return err
			}
		}
		for _, f := range slices.Sorted(maps.Keys(p.Sources)) {
			if err := exec("source", p, p.ID, f, p.Sources[f]); err != nil {
				return err
			}
		}
		if err := exec("fts", p, p.ID, p.Title, p.Abstract, strings.Join(names, "\n"), strings.Join(p.Notes, "\n")); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

type paperLink struct{ kind, url string }

// paperLinks lists a paper's links by kind, in a fixed order, the empty
// ones left out.
func paperLinks(p *paperlist.Paper) []paperLink {
	var ls []paperLink
	add := func(kind, url string) {
		if url != "" {
			ls = append(ls, paperLink{kind, url})
		}
	}
	add("link", p.Link)
	add("pdf", p.PDFURL)
	if p.DOI != "" {
		add("doi", "https://doi.org/"+p.DOI)
	}
	add("code", p.CodeURL)
	add("slides", p.SlidesURL)
	add("video", p.VideoURL)
	if p.ArxivID != "" {
		add("arxiv", "https://arxiv.org/abs/"+p.ArxivID)
	}
	if p.Repo != nil {
		add("repo", p.Repo.URL)
	}
	return ls
}

func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
