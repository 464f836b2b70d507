package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"crieur/message"
	"crieur/picture"
	"crieur/store"
	"crieur/ui/i18n"
)

// exchangeFields are the columns of import and export, in their order.
var exchangeFields = []string{"title", "body", "link", "category", "status", "notes", "image", "alt", "created", "picture"}

// textFields is how many of exchangeFields are text, checked as such: all
// but the picture.
const textFields = 9

// maxField is the most a text field may hold, in bytes: far over
// WhatsApp's limits, low enough that a wrong file is caught.
const maxField = 64 << 10

// maxLine bounds the text of one JSON line, escapes included.
const maxLine = 8 * maxField

// maxPicture is the most the picture field may hold: a picture of
// picture.MaxBytes in base64.
var maxPicture = base64.StdEncoding.EncodedLen(picture.MaxBytes)

// maxRecord is the most one line or CSV record may hold: its text and its
// picture, and a little room for the field names.
var maxRecord = maxLine + maxPicture + 4096

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
	Picture  string `json:"picture,omitempty"` // the image's bytes, base64
}

func (e *exchangePost) fields() []*string {
	return []*string{&e.Title, &e.Body, &e.Link, &e.Category, &e.Status, &e.Notes, &e.Image, &e.Alt, &e.Created, &e.Picture}
}

// badLine is one problem found in an import file.
type badLine struct {
	line int
	msg  string
}

// jsonKind names the kind of a JSON value ("number 12" is a number).
func jsonKind(value string, w *i18n.ExchangeText) string {
	kind, _, _ := strings.Cut(value, " ")
	if name, ok := w.JSONKinds[kind]; ok {
		return name
	}
	return value
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
// that is wrong with it. notes say what the post became that the file did
// not say (a validated post comes in as ready). A picture in the record
// comes with the post, its bytes in Picture.Bytes; an image without one is
// a path, read later.
func (e exchangePost) post(loc *time.Location, t *i18n.Text) (p store.Post, problems, notes []string) {
	w := &t.CLI.Exchange
	for i, f := range e.fields()[:textFields] {
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
	switch status {
	case "":
		status = store.StatusIdea
	case store.StatusValidated, store.StatusPlanned:
		notes = append(notes, fmt.Sprintf(w.AsReady, status))
		status = store.StatusReady
	case store.StatusFailed:
		notes = append(notes, w.FailedAsReady)
		status = store.StatusReady
	case store.StatusSending, store.StatusUnknown:
		problems = append(problems, fmt.Sprintf(w.InFlight, status))
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
	p = store.Post{
		Title: e.Title, Body: e.Body, Link: e.Link, Category: e.Category, Status: status,
		Notes: e.Notes, Image: e.Image, Alt: e.Alt, Created: created,
	}
	if e.Picture != "" {
		pic, problem := exchangePicture(e.Picture, t)
		if problem != "" {
			problems = append(problems, problem)
		} else {
			if strings.TrimSpace(p.Image) == "" {
				p.Image = "picture" + map[string]string{picture.JPEG: ".jpg", picture.PNG: ".png"}[pic.Type]
			}
			pic.From = strings.TrimSpace(p.Image)
			p.Picture = pic
		}
	}
	return p, problems, notes
}

// exchangePicture reads a picture field: base64 of a JPEG or PNG within
// the limits of a post's picture.
func exchangePicture(field string, t *i18n.Text) (*store.Picture, string) {
	w := &t.CLI.Exchange
	if len(field) > maxPicture {
		return nil, fmt.Sprintf(w.PictureTooLarge, len(field))
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(field))
	if err != nil {
		return nil, w.PictureNotBase64
	}
	info, err := picture.Sniff(b)
	if err != nil {
		return nil, fmt.Sprintf(w.PictureRefused, t.Check[message.ImageCheck(string(picture.ProblemOf(err)))])
	}
	sum := sha256.Sum256(b)
	return &store.Picture{Sum: hex.EncodeToString(sum[:]), Type: info.Type, Width: info.Width, Height: info.Height, Size: len(b), Bytes: b}, ""
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

// eachPost calls fn for every post, newest first, with the bytes of its
// picture when the data file holds one for its image; no data file yet
// means no posts.
func (c *cli) eachPost(fn func(p store.Post, picture []byte) error) error {
	if ok, err := c.exists(); !ok {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	return c.explain(st.Path(), st.EachPost(func(p store.Post) error {
		var b []byte
		if pic := p.PictureFor(); pic.Kept() {
			var err error
			if b, err = st.Picture(pic.Sum); err != nil {
				return err
			}
		}
		return fn(p, b)
	}))
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
		err = c.eachPost(func(p store.Post, picture []byte) error {
			if *status != "" && p.Status != store.Status(*status) {
				return nil
			}
			e := exchangePost{
				Title: p.Title, Body: p.Body, Link: p.Link, Category: p.Category, Status: string(p.Status),
				Notes: p.Notes, Image: p.Image, Alt: p.Alt, Created: p.Created.In(loc).Format(time.RFC3339Nano),
			}
			if picture != nil {
				e.Picture = base64.StdEncoding.EncodeToString(picture)
			}
			return write(e)
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
