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
	"crieur/ui/i18n"
)

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
			return usageError{c.w().Exchange.ImportArgs}
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
			return usageError{fmt.Sprintf(c.w().Exchange.BadFormat, *format)}
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
			posts, bad = parseCSV(data, settings.Location(), c.words())
		} else {
			posts, bad = parseJSONLines(data, settings.Location(), c.words())
		}
		if len(bad) > 0 {
			for _, b := range bad {
				fmt.Fprintf(c.stderr, c.w().Exchange.BadLine, label, b.line, escapeControls(b.msg))
			}
			return errors.New(c.words().N(c.w().Exchange.BadLines, len(bad), label))
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
			return c.explain(st.Path(), err)
		}
		fmt.Fprintln(c.stdout, c.words().N(c.w().Exchange.Imported, len(posts)))
		return nil
	}
}

func (c *cli) readInput(name string) (label string, data []byte, err error) {
	if name == "-" {
		label := c.w().Exchange.Stdin
		data, err = io.ReadAll(c.stdin)
		if err != nil {
			return label, nil, fmt.Errorf(c.w().Exchange.ReadStdin, err)
		}
		return label, data, nil
	}
	data, err = os.ReadFile(name)
	if err != nil {
		return name, nil, c.osError(err)
	}
	return name, data, nil
}

// parseJSONLines reads one post per line; blank lines are skipped.
func parseJSONLines(data []byte, loc *time.Location, t *i18n.Text) ([]store.Post, []badLine) {
	w := &t.CLI.Exchange
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
			bad = append(bad, badLine{n, fmt.Sprintf(w.LineTooLong, len(line), maxLine)})
			continue
		}
		if !utf8.Valid(line) {
			bad = append(bad, badLine{n, w.NotUTF8})
			continue
		}
		var rec exchangePost
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			bad = append(bad, badLine{n, jsonProblem(err, w)})
			continue
		}
		if _, err := dec.Token(); err != io.EOF {
			bad = append(bad, badLine{n, w.MoreThanOneValue})
			continue
		}
		p, problems := rec.post(loc, t)
		if len(problems) > 0 {
			bad = append(bad, badLine{n, strings.Join(problems, w.ProblemSep)})
			continue
		}
		posts = append(posts, p)
	}
	return posts, bad
}

// jsonProblem says what the JSON decoder found. Its own wording of a
// syntax error is quoted as it is: it points at the character at fault.
func jsonProblem(err error, w *i18n.ExchangeText) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Sprintf(w.NotAString, typeErr.Field, jsonKind(typeErr.Value, w))
	case errors.As(err, &typeErr):
		return fmt.Sprintf(w.NotAnObject, jsonKind(typeErr.Value, w))
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf(w.MalformedJSON, strings.TrimPrefix(syntaxErr.Error(), "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return w.EndsInsideValue
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Sprintf(w.UnknownField, strings.TrimPrefix(err.Error(), "json: unknown field "), strings.Join(exchangeFields, ", "))
	}
	return fmt.Sprintf(w.MalformedJSON, strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names the kind of a JSON value ("number 12" is a number).
func jsonKind(value string, w *i18n.ExchangeText) string {
	kind, _, _ := strings.Cut(value, " ")
	if name, ok := w.JSONKinds[kind]; ok {
		return name
	}
	return value
}

// parseCSV reads a header row, then one post per row.
func parseCSV(data []byte, loc *time.Location, t *i18n.Text) ([]store.Post, []badLine) {
	w := &t.CLI.Exchange
	var posts []store.Post
	var bad []badLine
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, []badLine{{csvLine(err, 1), fmt.Sprintf(w.MalformedCSVHeader, csvProblem(err))}}
	}
	columns, problems := csvColumns(header, w)
	if len(problems) > 0 {
		return nil, []badLine{{1, strings.Join(problems, w.ProblemSep)}}
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			bad = append(bad, badLine{csvLine(err, 0), fmt.Sprintf(w.MalformedCSV, csvProblem(err))})
			continue
		}
		line, _ := r.FieldPos(0)
		if len(row) != len(columns) {
			bad = append(bad, badLine{line, t.N(w.CSVFields, len(row), len(columns))})
			continue
		}
		var rec exchangePost
		fields := rec.fields()
		var invalid []string
		for i, value := range row {
			if !utf8.ValidString(value) {
				invalid = append(invalid, fmt.Sprintf(w.FieldNotUTF8, exchangeFields[columns[i]]))
			}
			*fields[columns[i]] = value
		}
		if len(invalid) > 0 {
			bad = append(bad, badLine{line, strings.Join(invalid, w.ProblemSep)})
			continue
		}
		p, problems := rec.post(loc, t)
		if len(problems) > 0 {
			bad = append(bad, badLine{line, strings.Join(problems, w.ProblemSep)})
			continue
		}
		posts = append(posts, p)
	}
	return posts, bad
}

// csvColumns maps each header cell to its field.
func csvColumns(header []string, w *i18n.ExchangeText) ([]int, []string) {
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
			problems = append(problems, fmt.Sprintf(w.UnknownColumn, name, strings.Join(exchangeFields, ", ")))
		case seen[field]:
			problems = append(problems, fmt.Sprintf(w.ColumnTwice, name))
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
func (e exchangePost) post(loc *time.Location, t *i18n.Text) (store.Post, []string) {
	w := &t.CLI.Exchange
	var problems []string
	for i, f := range e.fields() {
		*f = strings.ReplaceAll(*f, "\r\n", "\n")
		name := exchangeFields[i]
		if len(*f) > maxField {
			problems = append(problems, fmt.Sprintf(w.FieldTooLong, name, len(*f)))
		}
		if r, ok := firstControl(*f); ok {
			problems = append(problems, fmt.Sprintf(w.FieldControl, name, r))
		}
	}
	status := store.Status(strings.TrimSpace(e.Status))
	if status == "" {
		status = store.StatusIdea
	}
	if !status.Valid() {
		problems = append(problems, fmt.Sprintf(w.UnknownStatus, e.Status, statusList()))
	}
	created, err := parseCreated(strings.TrimSpace(e.Created), loc, w)
	if err != nil {
		problems = append(problems, err.Error())
	}
	if e.Title == "" && e.Body == "" && e.Link == "" && e.Notes == "" {
		problems = append(problems, w.EmptyPost)
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
func parseCreated(s string, loc *time.Location, w *i18n.ExchangeText) (time.Time, error) {
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
		return time.Time{}, fmt.Errorf(w.BadDate, s)
	case t.Before(time.Unix(0, 0)) || !t.Before(time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)):
		// Post ids count milliseconds from 1970, and the backlog keeps
		// dates as nanoseconds, which end in 2262.
		return time.Time{}, fmt.Errorf(w.DateOutOfRange, s)
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
	return c.explain(st.Path(), st.EachPost(fn))
}

func (c *cli) exportCommand(fs *flag.FlagSet) func([]string) error {
	format := fs.String("format", "jsonl", "jsonl or csv")
	status := fs.String("status", "", "only the posts with this status")
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf(c.w().Exchange.ExportArgs, args[0])}
		}
		if *format != "jsonl" && *format != "csv" {
			return usageError{fmt.Sprintf(c.w().Exchange.BadFormat, *format)}
		}
		if err := c.checkStatusFlag(*status); err != nil {
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
