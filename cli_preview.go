package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"crieur/message"
	"crieur/sender"
	"crieur/store"
	"crieur/ui/i18n"
	"crieur/ui/phone"
)

// maxPhoneWidth is the widest phone, as the preview.width setting allows.
const maxPhoneWidth = 80

func (c *cli) previewCommand(fs *flag.FlagSet) func([]string) error {
	width := fs.Int("width", 0, "the phone's width in cells")
	theme := fs.String("theme", "dark", "the phone's theme: light or dark")
	expand := fs.Bool("expand", false, "show the whole text")
	file := fs.String("file", "", "read the post from this JSON file")
	return func(args []string) error {
		// Flags may follow the id too: "crieur preview 01JD --width 30".
		var ids []string
		for len(args) > 0 {
			if args[0] == "--" {
				ids = append(ids, args[1:]...)
				break
			}
			if !strings.HasPrefix(args[0], "-") || args[0] == "-" {
				ids, args = append(ids, args[0]), args[1:]
				continue
			}
			if err := c.parse(fs, args, c.previewHelp); err != nil {
				return err
			}
			rest := fs.Args()
			if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
				ids = append(ids, rest...)
				break
			}
			args = rest
		}
		widthSet, fileSet := false, false
		fs.Visit(func(f *flag.Flag) {
			widthSet = widthSet || f.Name == "width"
			fileSet = fileSet || f.Name == "file"
		})
		words := &c.w().Preview
		switch {
		case fileSet && len(ids) > 0:
			return usageError{words.IDAndFile}
		case fileSet && *file == "":
			return usageError{words.FileNeedsName}
		case !fileSet && len(ids) != 1:
			return usageError{words.OneID}
		case widthSet && (*width < phone.MinWidth || *width > maxPhoneWidth):
			return usageError{fmt.Sprintf(words.BadWidth, *width, phone.MinWidth, maxPhoneWidth)}
		case *theme != "dark" && *theme != "light":
			return usageError{fmt.Sprintf(words.BadTheme, *theme)}
		}

		settings, err := c.settings()
		if err != nil {
			return err
		}
		var post store.Post
		if fileSet {
			post, err = c.filePost(*file, settings.Location())
		} else {
			post, err = c.findPost(ids[0])
		}
		if err != nil {
			return err
		}
		if !widthSet {
			*width = min(max(settings.Preview.Width, phone.MinWidth), maxPhoneWidth)
		}

		now := c.now()
		msg := sender.Build(post, settings)
		var rows []string
		if pic := post.PictureFor(); pic != nil && pic.Bytes != nil {
			rows, _ = phone.ImageBlock(pic.Bytes, phone.ImageWidth(*width)) // one that cannot be drawn is a placeholder
		}
		frame := phone.Render(msg, phone.Options{
			Width:     *width,
			Dark:      *theme == "dark",
			Expanded:  *expand,
			ReadMore:  settings.Preview.ReadMore,
			Channel:   settings.Channel.Name,
			Followers: settings.Channel.Followers,
			Time:      now,
			Loc:       settings.Location(),
			Words:     phone.Words(c.words().Phone),
			ImageRows: rows,
		})
		problems := sender.Check(post, settings, nil, now)

		var out bytes.Buffer
		if profile := c.colourProfile(); profile == colorprofile.NoTTY {
			out.WriteString(plainFrame(frame, *width))
		} else {
			w := &colorprofile.Writer{Forward: &out, Profile: profile}
			if _, err := io.WriteString(w, frame); err != nil {
				return err
			}
		}
		out.WriteString("\n\n")
		writeChecks(&out, problems, c.words())
		if _, err := c.stdout.Write(out.Bytes()); err != nil {
			return err
		}
		if n := message.Errors(problems); n > 0 {
			return errors.New(c.words().N(words.ChecksFailed, n))
		}
		return nil
	}
}

func (c *cli) previewHelp(w io.Writer) {
	for _, cmd := range c.commands() {
		if cmd.name == "preview" {
			c.commandUsage(w, cmd)
		}
	}
}

// colourProfile is how much colour the standard output shows: none at all
// (NoTTY: plain text) unless it is a terminal and NO_COLOR is
// unset or empty, else what the terminal says it can draw.
func (c *cli) colourProfile() colorprofile.Profile {
	f, ok := c.stdout.(term.File)
	if c.getenv("NO_COLOR") != "" || !ok || !term.IsTerminal(f.Fd()) {
		return colorprofile.NoTTY
	}
	// What colorprofile reads of the environment, through c.getenv.
	var env []string
	for _, k := range []string{"TERM", "COLORTERM", "CLICOLOR", "CLICOLOR_FORCE", "TMUX",
		"WT_SESSION", "GOOGLE_CLOUD_SHELL", "ConEmuANSI", "ANSICON", "ANSICON_VER"} {
		if v := c.getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return colorprofile.Detect(c.stdout, env)
}

// plainFrame is the frame without a single escape sequence, every line
// still width cells wide. In colour, a pen between two pieces of text keeps
// them apart as the layout measured them; without it, one grapheme cluster
// may run across them (a flag whose halves markup split, an accent right
// after a closing marker) and the line changes width. The blanks before the
// frame's right edge take up the difference.
func plainFrame(frame string, width int) string {
	const edge = "│"
	lines := strings.Split(ansi.Strip(frame), "\n")
	for i, line := range lines {
		gap := width - ansi.StringWidth(line)
		inside, ok := strings.CutSuffix(line, edge)
		switch {
		case gap == 0 || !ok:
		case gap > 0:
			lines[i] = inside + strings.Repeat(" ", gap) + edge
		case len(inside)-len(strings.TrimRight(inside, " ")) >= -gap:
			lines[i] = inside[:len(inside)+gap] + edge
		}
	}
	return strings.Join(lines, "\n")
}

// writeChecks lists what the checks found, errors first, with the desk's
// sentence for each code; the code itself stays, for scripts.
func writeChecks(w *bytes.Buffer, problems []message.Problem, t *i18n.Text) {
	words := &t.CLI.Preview
	if len(problems) == 0 {
		fmt.Fprintln(w, t.ChecksOK)
		return
	}
	for _, level := range []message.Level{message.Error, message.Warning} {
		for _, p := range problems {
			if p.Level != level {
				continue
			}
			line := fmt.Sprintf(words.CheckError, p.Code)
			if level == message.Warning {
				line = fmt.Sprintf(words.CheckWarning, p.Code)
			}
			if text := t.Check[p.Code]; text != "" {
				line += fmt.Sprintf(words.CheckDetail, text)
			}
			if p.Detail != "" {
				line += fmt.Sprintf(words.CheckDetail, p.Detail)
			}
			fmt.Fprintln(w, escapeControls(line))
		}
	}
}

// findPost reads the post whose id is id or starts with it, in any case.
// A preview never creates the data file.
func (c *cli) findPost(id string) (store.Post, error) {
	words := &c.w().Preview
	want := strings.ToUpper(strings.TrimSpace(id))
	if want == "" {
		return store.Post{}, usageError{words.EmptyID}
	}
	if ok, err := c.exists(); !ok {
		if err == nil {
			err = fmt.Errorf(words.NoDataForID, c.dataPath(), id)
		}
		return store.Post{}, err
	}
	st, err := c.open()
	if err != nil {
		return store.Post{}, err
	}
	defer st.Close()
	sums, err := st.Summaries()
	if err != nil {
		return store.Post{}, c.explain(st.Path(), err)
	}
	var found []string
	for _, s := range sums {
		full := strings.ToUpper(s.ID())
		if full == want {
			found = []string{s.ID()}
			break
		}
		if strings.HasPrefix(full, want) {
			found = append(found, s.ID())
		}
	}
	switch len(found) {
	case 0:
		return store.Post{}, fmt.Errorf(words.NoSuchID, id, st.Path())
	case 1:
		p, err := st.Post(found[0])
		if err != nil {
			return p, c.explain(st.Path(), err)
		}
		// The picture the data file keeps, to draw it.
		if pic := p.PictureFor(); pic.Kept() {
			b, err := st.Picture(pic.Sum)
			if err != nil {
				return p, c.explain(st.Path(), err)
			}
			withBytes := *pic
			withBytes.Bytes = b
			p.Picture = &withBytes
		}
		return p, nil
	}
	shown := found[:min(len(found), 3)]
	more := ""
	if len(found) > len(shown) {
		more = ", …"
	}
	return store.Post{}, errors.New(c.words().N(words.Ambiguous, len(found), id, strings.Join(shown, ", "), more))
}

// filePost reads one post from a JSON object with the fields of an import
// line, checked by the same rules as import. The file must be a regular
// file, or the standard input; no more than a post may hold is read of
// either. An image named by its path is read as the import reads it.
func (c *cli) filePost(name string, loc *time.Location) (store.Post, error) {
	words := &c.w().Preview
	label, r := c.w().Exchange.Stdin, c.stdin
	if name != "-" {
		f, err := c.openRegular(name)
		if err != nil {
			return store.Post{}, err
		}
		defer f.Close()
		label, r = name, f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(maxRecord)+1))
	if err != nil {
		return store.Post{}, c.osError(err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	switch {
	case len(data) > maxRecord:
		return store.Post{}, fmt.Errorf(words.FileOver, label, maxRecord, maxLine)
	case bytes.IndexByte(data, 0) >= 0:
		return store.Post{}, fmt.Errorf(words.FileBinary, label, strings.Join(exchangeFields, ", "))
	case !utf8.Valid(data):
		return store.Post{}, fmt.Errorf(words.FileNotUTF8, label)
	}
	var rec exchangePost
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		if errors.Is(err, io.EOF) {
			return store.Post{}, fmt.Errorf(words.FileEmpty, label, strings.Join(exchangeFields, ", "))
		}
		return store.Post{}, fmt.Errorf(words.FileProblems, label, jsonProblem(err, &c.w().Exchange))
	}
	if _, err := dec.Token(); err != io.EOF {
		return store.Post{}, fmt.Errorf(words.FileTwoValues, label)
	}
	if text := len(data) - len(rec.Picture); text > maxLine {
		return store.Post{}, fmt.Errorf(words.FileTooBig, label, len(data), maxLine)
	}
	p, problems, _ := rec.post(loc, c.words())
	if len(problems) > 0 {
		return store.Post{}, fmt.Errorf(words.FileProblems, label, strings.Join(problems, c.w().Exchange.ProblemSep))
	}
	if rec.Status == "" {
		// A text given to preview is checked as a message, unless the
		// file says it is an idea.
		p.Status = store.StatusDraft
	}
	return sender.TakePicture(context.Background(), p), nil
}
