package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"crieur/store"
)

const importUsage = `Usage: crieur import [--format jsonl|csv] FILE
       crieur import [--format jsonl|csv] -

Adds the posts of FILE (or of the standard input, with -) to the data file.

JSON lines: one JSON object per line. CSV: a header row naming the columns,
then one post per row. Either way the fields are

  title, body, link, category, status, notes, image, alt, created

all optional; status defaults to idea, created to now, and created is a
date (2025-11-24), a local time (2025-11-24 09:30) or an RFC 3339 time
(2025-11-24T09:30:00+01:00). A .csv file is read as CSV, anything else as
JSON lines.

Every line is checked before anything is written: an unknown status, a bad
date, malformed JSON or CSV, a body over 64 KiB or a control character
(other than newline and tab) is reported as FILE:LINE: message, and then
nothing is imported. Otherwise all the posts go in, in one transaction.

  --format F   jsonl or csv, whatever the file's name
`

const exportUsage = `Usage: crieur export [--format jsonl|csv] [--status S]

Writes the posts, newest first, to the standard output, in the format that
crieur import reads back (fields title, body, link, category, status,
notes, image, alt, created). Ids, revisions and the sample mark are not
exported: an import makes new posts.

  --format F   jsonl (the default) or csv, with a header row
  --status S   only the posts with status S
`

// exchangeFields are the columns of import and export, in their order.
var exchangeFields = []string{"title", "body", "link", "category", "status", "notes", "image", "alt", "created"}

// maxField is the most a field may hold, in bytes: far over WhatsApp's
// limits, low enough that a wrong file is caught.
const maxField = 64 << 10

// maxLine bounds one JSON line, escapes included.
const maxLine = 8 * maxField

// exchangePost is one post in an import or export file.
type exchangePost struct {
	Title    string `json:"title"`
	Body     string `json:"body"`
	Link     string `json:"link"`
	Category string `json:"category"`
	Status   string `json:"status"`
	Notes    string `json:"notes"`
	Image    string `json:"image"`
	Alt      string `json:"alt"`
	Created  string `json:"created"`
}

func (e *exchangePost) fields() []*string {
	return []*string{&e.Title, &e.Body, &e.Link, &e.Category, &e.Status, &e.Notes, &e.Image, &e.Alt, &e.Created}
}

// badLine is one problem found in an import file.
type badLine struct {
	line int
	msg  string
}

func (c *cli) importCommand(fs *flag.FlagSet) func([]string) error {
	format := fs.String("format", "", "jsonl or csv")
	return func(args []string) error {
		if len(args) != 1 {
			return usageError{"import takes one FILE, or - for the standard input; run 'crieur import -h' for help"}
		}
		name := args[0]
		switch *format {
		case "":
			*format = "jsonl"
			if strings.EqualFold(filepath.Ext(name), ".csv") {
				*format = "csv"
			}
		case "jsonl", "csv":
		default:
			return usageError{fmt.Sprintf("--format %q; use jsonl or csv", *format)}
		}
		label, data, err := c.readInput(name)
		if err != nil {
			return err
		}
		settings, err := c.settings()
		if err != nil {
			return err
		}
		var posts []store.Post
		var bad []badLine
		if *format == "csv" {
			posts, bad = parseCSV(data, settings.Location())
		} else {
			posts, bad = parseJSONLines(data, settings.Location())
		}
		if len(bad) > 0 {
			for _, b := range bad {
				fmt.Fprintf(c.stderr, "%s:%d: %s\n", label, b.line, escapeControls(b.msg))
			}
			lines := "lines"
			if len(bad) == 1 {
				lines = "line"
			}
			return fmt.Errorf("%s: %d bad %s; nothing imported", label, len(bad), lines)
		}
		// Files list posts newest first, as export writes them; ids follow
		// the order posts are given in when their dates tie, so the file
		// goes in from its end.
		slices.Reverse(posts)
		st, err := c.open()
		if err != nil {
			return err
		}
		defer st.Close()
		if _, err := st.Import(posts, store.RevImport); err != nil {
			return explain(st.Path(), err)
		}
		noun := "posts"
		if len(posts) == 1 {
			noun = "post"
		}
		fmt.Fprintf(c.stdout, "imported %d %s\n", len(posts), noun)
		return nil
	}
}

func (c *cli) readInput(name string) (label string, data []byte, err error) {
	if name == "-" {
		data, err = io.ReadAll(c.stdin)
		if err != nil {
			return "stdin", nil, fmt.Errorf("read the standard input: %w", err)
		}
		return "stdin", data, nil
	}
	data, err = os.ReadFile(name)
	if err != nil {
		return name, nil, err
	}
	return name, data, nil
}

// parseJSONLines reads one post per line; blank lines are skipped.
func parseJSONLines(data []byte, loc *time.Location) ([]store.Post, []badLine) {
	var posts []store.Post
	var bad []badLine
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if len(line) > maxLine {
			bad = append(bad, badLine{n, fmt.Sprintf("line is %d bytes; a post may not be over %d", len(line), maxLine)})
			continue
		}
		if !utf8.Valid(line) {
			bad = append(bad, badLine{n, "not valid UTF-8"})
			continue
		}
		var rec exchangePost
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			bad = append(bad, badLine{n, jsonProblem(err)})
			continue
		}
		if _, err := dec.Token(); err != io.EOF {
			bad = append(bad, badLine{n, "malformed JSON: more than one value on the line"})
			continue
		}
		p, problems := rec.post(loc)
		if len(problems) > 0 {
			bad = append(bad, badLine{n, strings.Join(problems, "; ")})
			continue
		}
		posts = append(posts, p)
	}
	return posts, bad
}

func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Sprintf("%s must be a string, not a JSON %s", typeErr.Field, typeErr.Value)
	case errors.As(err, &typeErr):
		return fmt.Sprintf("each line must be a JSON object, not a JSON %s", typeErr.Value)
	case errors.As(err, &syntaxErr):
		return "malformed JSON: " + strings.TrimPrefix(syntaxErr.Error(), "json: ")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "malformed JSON: the line ends inside a value"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Sprintf("unknown field %s (the fields are %s)", strings.TrimPrefix(err.Error(), "json: unknown field "), strings.Join(exchangeFields, ", "))
	}
	return "malformed JSON: " + strings.TrimPrefix(err.Error(), "json: ")
}

// parseCSV reads a header row, then one post per row.
func parseCSV(data []byte, loc *time.Location) ([]store.Post, []badLine) {
	var posts []store.Post
	var bad []badLine
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, []badLine{{csvLine(err, 1), "malformed CSV header: " + csvProblem(err)}}
	}
	columns, problems := csvColumns(header)
	if len(problems) > 0 {
		return nil, []badLine{{1, strings.Join(problems, "; ")}}
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			bad = append(bad, badLine{csvLine(err, 0), "malformed CSV: " + csvProblem(err)})
			continue
		}
		line, _ := r.FieldPos(0)
		if len(row) != len(columns) {
			bad = append(bad, badLine{line, fmt.Sprintf("%d fields, but the header names %d", len(row), len(columns))})
			continue
		}
		var rec exchangePost
		fields := rec.fields()
		var invalid []string
		for i, value := range row {
			if !utf8.ValidString(value) {
				invalid = append(invalid, exchangeFields[columns[i]]+": not valid UTF-8")
			}
			*fields[columns[i]] = value
		}
		if len(invalid) > 0 {
			bad = append(bad, badLine{line, strings.Join(invalid, "; ")})
			continue
		}
		p, problems := rec.post(loc)
		if len(problems) > 0 {
			bad = append(bad, badLine{line, strings.Join(problems, "; ")})
			continue
		}
		posts = append(posts, p)
	}
	return posts, bad
}

// csvColumns maps each header cell to its field.
func csvColumns(header []string) ([]int, []string) {
	var problems []string
	columns := make([]int, len(header))
	seen := map[int]bool{}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(name))
		field := -1
		for j, f := range exchangeFields {
			if f == name {
				field = j
			}
		}
		switch {
		case field < 0:
			problems = append(problems, fmt.Sprintf("unknown column %q (the columns are %s)", name, strings.Join(exchangeFields, ", ")))
		case seen[field]:
			problems = append(problems, fmt.Sprintf("column %q appears twice", name))
		}
		seen[field] = true
		columns[i] = field
	}
	return columns, problems
}

func csvLine(err error, fallback int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.StartLine > 0 {
		return pe.StartLine
	}
	return fallback
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// post checks one record and turns it into a post, or says everything
// that is wrong with it.
func (e exchangePost) post(loc *time.Location) (store.Post, []string) {
	var problems []string
	for i, f := range e.fields() {
		*f = strings.ReplaceAll(*f, "\r\n", "\n")
		name := exchangeFields[i]
		if len(*f) > maxField {
			problems = append(problems, fmt.Sprintf("%s is %d bytes; the limit is 64 KiB", name, len(*f)))
		}
		if r, ok := firstControl(*f); ok {
			problems = append(problems, fmt.Sprintf("%s holds the control character U+%04X", name, r))
		}
	}
	status := store.Status(strings.TrimSpace(e.Status))
	if status == "" {
		status = store.StatusIdea
	}
	if !status.Valid() {
		problems = append(problems, fmt.Sprintf("unknown status %q (use %s)", e.Status, statusList()))
	}
	created, err := parseCreated(strings.TrimSpace(e.Created), loc)
	if err != nil {
		problems = append(problems, err.Error())
	}
	if e.Title == "" && e.Body == "" && e.Link == "" && e.Notes == "" {
		problems = append(problems, "empty post: no title, body, link or notes")
	}
	return store.Post{
		Title: e.Title, Body: e.Body, Link: e.Link, Category: e.Category, Status: status,
		Notes: e.Notes, Image: e.Image, Alt: e.Alt, Created: created,
	}, problems
}

// firstControl finds a control character other than newline and tab.
func firstControl(s string) (rune, bool) {
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return r, true
		}
	}
	return 0, false
}

// parseCreated reads a creation date; empty means now (the store fills it).
func parseCreated(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if err != nil {
			t, err = time.ParseInLocation(layout, s, loc)
		}
	}
	switch {
	case err != nil:
		return time.Time{}, fmt.Errorf("bad date %q in created (use 2025-11-24, 2025-11-24 09:30 or 2025-11-24T09:30:00+01:00)", s)
	case t.Before(time.Unix(0, 0)) || !t.Before(time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)):
		// Post ids count milliseconds from 1970, and the backlog keeps
		// dates as nanoseconds, which end in 2262.
		return time.Time{}, fmt.Errorf("date %q in created is out of range (use a year from 1970 to 2261)", s)
	}
	return t, nil
}

// eachPost calls fn for every post, newest first; no data file yet means
// no posts.
func (c *cli) eachPost(fn func(store.Post) error) error {
	if ok, err := c.exists(); !ok {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	return explain(st.Path(), st.EachPost(fn))
}

func (c *cli) exportCommand(fs *flag.FlagSet) func([]string) error {
	format := fs.String("format", "jsonl", "jsonl or csv")
	status := fs.String("status", "", "only the posts with this status")
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf("export takes no arguments (got %q); it writes to the standard output", args[0])}
		}
		if *format != "jsonl" && *format != "csv" {
			return usageError{fmt.Sprintf("--format %q; use jsonl or csv", *format)}
		}
		if err := checkStatusFlag(*status); err != nil {
			return err
		}
		settings, err := c.settings()
		if err != nil {
			return err
		}
		loc := settings.Location()
		w := bufio.NewWriter(c.stdout)
		var write func(exchangePost) error
		var cw *csv.Writer
		if *format == "csv" {
			cw = csv.NewWriter(w)
			if err := cw.Write(exchangeFields); err != nil {
				return err
			}
			write = func(e exchangePost) error {
				var row []string
				for _, f := range e.fields() {
					row = append(row, *f)
				}
				return cw.Write(row)
			}
		} else {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			write = func(e exchangePost) error { return enc.Encode(e) }
		}
		err = c.eachPost(func(p store.Post) error {
			if *status != "" && p.Status != store.Status(*status) {
				return nil
			}
			return write(exchangePost{
				Title: p.Title, Body: p.Body, Link: p.Link, Category: p.Category, Status: string(p.Status),
				Notes: p.Notes, Image: p.Image, Alt: p.Alt, Created: p.Created.In(loc).Format(time.RFC3339Nano),
			})
		})
		if err != nil {
			return err
		}
		if cw != nil {
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
		}
		return w.Flush()
	}
}
