package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"crieur/internal/safefile"
	"crieur/sender"
	"crieur/store"
	"crieur/ui/i18n"
)

// An import reads its file twice, never holding it: a first pass checks
// every line and notes where each post lies, before the data file is even
// opened; the second reads the posts again from their places, from the
// last to the first (files list posts newest first, as export writes
// them, and posts whose dates tie get ids in the order they are given),
// and hands them to the store's Importer in batches. The standard input
// is copied aside during the first pass, to be read again.

// Limits of an import's input.
const (
	maxInput = 1 << 30 // the most an import reads, file or standard input
	maxShown = 20      // problem lines printed; the rest are counted
	sniffLen = 8 << 10 // what is looked at to tell a binary file
)

// Inputs an import cannot read on; the catalogue words them.
var (
	errBinary         = errors.New("binary data")
	errInputTooLarge  = errors.New("input over 1 GiB")
	errRecordTooLarge = errors.New("record too large")
)

// span is where one post lies in the input, for the second pass.
type span struct {
	line     int
	off, end int64
}

// report gathers an import's problem lines: the first maxShown, and a
// count of the rest.
type report struct {
	shown []badLine
	count int
}

func (r *report) add(line int, msg string) {
	r.count++
	if len(r.shown) < maxShown {
		r.shown = append(r.shown, badLine{line, msg})
	}
}

// input is an import's file, opened for both passes.
type input struct {
	label string
	first io.Reader    // the first pass reads this
	again io.ReaderAt  // the second pass reads the places noted
	close func() error // closes the file, and drops what was set aside
}

// countedReader reads at most limit bytes, and then fails: an input is
// never read past its limit.
type countedReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (c *countedReader) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, errInputTooLarge
	}
	if rest := c.limit - c.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// openInput opens FILE, which must be a regular file, or sets the
// standard input aside as it is read.
func (c *cli) openInput(name string) (*input, error) {
	if name == "-" {
		spool, err := os.CreateTemp("", "crieur-import-*")
		if err != nil {
			return nil, fmt.Errorf(c.w().Exchange.SetAside, c.osError(err))
		}
		os.Remove(spool.Name()) // nothing is left behind, whatever happens
		count := &countedReader{r: c.stdin, limit: maxInput}
		return &input{label: c.w().Exchange.Stdin, first: io.TeeReader(count, spool), again: spool, close: spool.Close}, nil
	}
	f, err := c.openRegular(name)
	if err != nil {
		return nil, err
	}
	return &input{label: name, first: &countedReader{r: f, limit: maxInput}, again: f, close: f.Close}, nil
}

// openRegular opens a file a person named for crieur to read, refusing
// what is not a regular file before reading a byte of it.
func (c *cli) openRegular(name string) (*os.File, error) {
	f, _, err := safefile.Open(c.inDir(name))
	var notRegular *safefile.NotRegularError
	switch {
	case errors.As(err, &notRegular):
		w := &c.w().Common
		return nil, fmt.Errorf(w.NotRegular, name, w.FileKinds[safefile.KindName(notRegular.Mode)])
	case err != nil:
		return nil, c.osError(err)
	}
	return f, nil
}

func (c *cli) importCommand(fs *flag.FlagSet) func([]string) error {
	format := fs.String("format", "", "jsonl or csv")
	return func(args []string) error {
		w := &c.w().Exchange
		if len(args) != 1 {
			return usageError{w.ImportArgs}
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
			return usageError{fmt.Sprintf(w.BadFormat, *format)}
		}
		in, err := c.openInput(name)
		if err != nil {
			return err
		}
		defer in.close()
		settings, err := c.settings()
		if err != nil {
			return err
		}
		loc := settings.Location()

		// First pass: every line checked, nothing kept but where posts lie.
		var bad, notes report
		var spans []span
		var columns []int
		ok := func(at span, _ store.Post, n []string) error {
			spans = append(spans, at)
			for _, note := range n {
				notes.add(at.line, note)
			}
			return nil
		}
		if *format == "csv" {
			columns, err = scanCSV(in.first, loc, c.words(), ok, bad.add)
		} else {
			err = scanJSONLines(in.first, loc, c.words(), ok, bad.add)
		}
		switch {
		case errors.Is(err, errBinary):
			return fmt.Errorf(w.Refused, in.label, w.Binary)
		case errors.Is(err, errInputTooLarge):
			return fmt.Errorf(w.Refused, in.label, w.InputTooLarge)
		case errors.Is(err, errRecordTooLarge):
			return fmt.Errorf(w.Refused, in.label, fmt.Sprintf(w.RecordTooLarge, maxRecord))
		case err != nil:
			return c.osError(err)
		}
		if bad.count > 0 {
			for _, b := range bad.shown {
				fmt.Fprintf(c.stderr, w.BadLine, in.label, b.line, escapeControls(b.msg))
			}
			if more := bad.count - len(bad.shown); more > 0 {
				fmt.Fprintln(c.stderr, c.words().N(w.MoreBadLines, more, in.label))
			}
			return errors.New(c.words().N(w.BadLines, bad.count, in.label))
		}

		// Second pass: the posts from their places, last first.
		st, err := c.open()
		if err != nil {
			return err
		}
		defer st.Close()
		im := st.NewImporter(store.RevImport)
		for i := len(spans) - 1; i >= 0; i-- {
			p, err := readPost(in.again, spans[i], *format, columns, loc, c.words())
			if err != nil {
				im.Abort()
				return fmt.Errorf(w.Changed, in.label, spans[i].line, err)
			}
			if err := im.Add(sender.TakePicture(context.Background(), p)); err != nil {
				im.Abort()
				return c.explain(st.Path(), err)
			}
		}
		n, err := im.Commit()
		if err != nil {
			return c.explain(st.Path(), err)
		}
		for _, b := range notes.shown {
			c.warn(w.NoteLine, in.label, b.line, b.msg)
		}
		if more := notes.count - len(notes.shown); more > 0 {
			c.warn("%s", c.words().N(w.MoreNotes, more, in.label))
		}
		fmt.Fprintln(c.stdout, c.words().N(w.Imported, n))
		return nil
	}
}

// readPost reads again the post at s, as the first pass found it.
func readPost(r io.ReaderAt, s span, format string, columns []int, loc *time.Location, t *i18n.Text) (store.Post, error) {
	w := &t.CLI.Exchange
	section := io.NewSectionReader(r, s.off, s.end-s.off)
	var rec exchangePost
	if format == "csv" {
		row, err := newCSVReader(section).Read()
		if err != nil {
			return store.Post{}, err
		}
		if len(row) != len(columns) {
			return store.Post{}, errors.New(t.N(w.CSVFields, len(row), len(columns)))
		}
		fields := rec.fields()
		for i, value := range row {
			*fields[columns[i]] = value
		}
	} else {
		line := make([]byte, s.end-s.off)
		if _, err := io.ReadFull(section, line); err != nil {
			return store.Post{}, err
		}
		var problem string
		if rec, problem = decodeLine(line, w); problem != "" {
			return store.Post{}, errors.New(problem)
		}
	}
	p, problems, _ := rec.post(loc, t)
	if len(problems) > 0 {
		return store.Post{}, errors.New(strings.Join(problems, w.ProblemSep))
	}
	return p, nil
}

// lineReader reads an input line by line, noting where each starts. A
// line longer than max is not kept: it is read to its end and reported
// with its length. A zero byte anywhere ends the reading: no JSON lines
// or CSV file holds one.
type lineReader struct {
	r   *bufio.Reader
	max int
	off int64 // where the next line starts
	n   int   // lines read
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its end, its number, where it lies,
// and its length, which is over max when the line was not kept.
func (lr *lineReader) next() (line []byte, at span, length int, err error) {
	lr.buf = lr.buf[:0]
	start, total := lr.off, 0
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if bytes.IndexByte(chunk, 0) >= 0 {
			return nil, span{}, 0, errBinary
		}
		total += len(chunk)
		lr.off += int64(len(chunk))
		if total <= lr.max+1 {
			lr.buf = append(lr.buf, chunk...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && total == 0:
			return nil, span{}, 0, io.EOF
		case err != nil && err != io.EOF:
			return nil, span{}, 0, err
		}
		lr.n++
		line, length = lr.buf, total
		if err == nil { // the line ends with its newline
			length--
			if total <= lr.max+1 {
				line = line[:len(line)-1]
			}
		}
		return line, span{line: lr.n, off: start, end: lr.off}, length, nil
	}
}

// sniff refuses an input whose start is binary: a zero byte, or more than
// a third of bytes that text does not hold (control characters, bytes that
// are not UTF-8). A text file in another encoding is not binary: its lines
// are reported as not UTF-8.
func sniff(r *bufio.Reader) error {
	head, err := r.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return err
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return errBinary
	}
	odd := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && size == 1 && (len(head)-i >= utf8.UTFMax || utf8.FullRune(head[i:])):
			odd++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f', r == 0x7f:
			odd++
		}
		i += size
	}
	if odd*3 > len(head) {
		return errBinary
	}
	return nil
}

// scanJSONLines checks one post per line, blank lines skipped: each good
// one goes to ok, each bad one to bad. It stops only for an input it
// cannot read on (binary, too large).
func scanJSONLines(r io.Reader, loc *time.Location, t *i18n.Text, ok func(span, store.Post, []string) error, bad func(int, string)) error {
	w := &t.CLI.Exchange
	br := bufio.NewReaderSize(r, 64<<10)
	if err := sniff(br); err != nil {
		return err
	}
	lr := newLineReader(br, maxRecord)
	for {
		line, at, length, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if at.line == 1 && bytes.HasPrefix(line, []byte("\uFEFF")) {
			line, at.off = line[3:], at.off+3
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if length > maxRecord {
			bad(at.line, fmt.Sprintf(w.LineTooLong, length, maxLine))
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec, problem := decodeLine(line, w)
		if problem != "" {
			bad(at.line, problem)
			continue
		}
		if text := len(line) - len(rec.Picture); text > maxLine {
			bad(at.line, fmt.Sprintf(w.LineTooLong, len(line), maxLine))
			continue
		}
		p, problems, notes := rec.post(loc, t)
		if len(problems) > 0 {
			bad(at.line, strings.Join(problems, w.ProblemSep))
			continue
		}
		at.end = at.off + int64(len(line))
		if err := ok(at, p, notes); err != nil {
			return err
		}
	}
}

// decodeLine reads one JSON line as a post's record, or says what is
// wrong with it.
func decodeLine(line []byte, w *i18n.ExchangeText) (exchangePost, string) {
	var rec exchangePost
	if !utf8.Valid(line) {
		return rec, w.NotUTF8
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return rec, jsonProblem(err, w)
	}
	if _, err := dec.Token(); err != io.EOF {
		return rec, w.MoreThanOneValue
	}
	return rec, ""
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

// recordLimit fails a CSV record that grows past maxRecord: a quote left
// open would otherwise make the rest of the file one field. The reader
// counts what the CSV reader takes since the record began, with room for
// what it reads ahead.
type recordLimit struct {
	r io.Reader
	n int
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n > maxRecord+(8<<10) {
		return 0, errRecordTooLarge
	}
	n, err := l.r.Read(p)
	l.n += n
	if bytes.IndexByte(p[:n], 0) >= 0 {
		return n, errBinary
	}
	return n, err
}

func newCSVReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// scanCSV checks a header row, then one post per row, as scanJSONLines
// does; it returns the field each column holds.
func scanCSV(r io.Reader, loc *time.Location, t *i18n.Text, ok func(span, store.Post, []string) error, bad func(int, string)) ([]int, error) {
	w := &t.CLI.Exchange
	br := bufio.NewReaderSize(r, 64<<10)
	if err := sniff(br); err != nil {
		return nil, err
	}
	var base int64
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\uFEFF")) {
		br.Discard(3)
		base = 3
	}
	limit := &recordLimit{r: br}
	cr := newCSVReader(limit)
	header, err := cr.Read()
	switch {
	case err == io.EOF:
		return nil, nil
	case errors.Is(err, errBinary), errors.Is(err, errRecordTooLarge), errors.Is(err, errInputTooLarge):
		return nil, err
	case err != nil:
		bad(csvLine(err, 1), fmt.Sprintf(w.MalformedCSVHeader, csvProblem(err)))
		return nil, nil
	}
	columns, problems := csvColumns(header, w)
	if len(problems) > 0 {
		bad(1, strings.Join(problems, w.ProblemSep))
		return nil, nil
	}
	for {
		limit.n = 0
		off := base + cr.InputOffset()
		row, err := cr.Read()
		if err == io.EOF {
			return columns, nil
		}
		if errors.Is(err, errBinary) || errors.Is(err, errRecordTooLarge) || errors.Is(err, errInputTooLarge) {
			return columns, err
		}
		if err != nil {
			bad(csvLine(err, 0), fmt.Sprintf(w.MalformedCSV, csvProblem(err)))
			continue
		}
		line, _ := cr.FieldPos(0)
		at := span{line: line, off: off, end: base + cr.InputOffset()}
		if len(row) != len(columns) {
			bad(line, t.N(w.CSVFields, len(row), len(columns)))
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
			bad(line, strings.Join(invalid, w.ProblemSep))
			continue
		}
		p, problems, notes := rec.post(loc, t)
		if len(problems) > 0 {
			bad(line, strings.Join(problems, w.ProblemSep))
			continue
		}
		if err := ok(at, p, notes); err != nil {
			return columns, err
		}
	}
}
