package main

import (
	"bytes"
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

const previewUsage = `Usage: crieur preview [--width N] [--theme light|dark] [--expand] ID
       crieur preview [--width N] [--theme light|dark] [--expand] --file FILE

Prints the phone preview of a post, as the desk draws it: the message that
would go out now, in the channel's frame, then what the checks found, one
line each, errors first:

  error: link-missing: no link
  warning: read-more: cut by “Read more”: 812/700

ID is a post's id as crieur list shows it, or the start of one, in any case,
as long as no other post's id starts the same way. With --file the post is
read from FILE instead: one JSON object with the fields of a line of crieur
import (title, body, link, category, image, alt, notes, status, created),
checked as import checks it; --file - reads the standard input. The data
file is then neither opened nor created.

On a terminal the preview is in colour. When the output is not a terminal,
or NO_COLOR is set, it is plain text without a single escape sequence, and
every line of the frame is exactly N cells wide. An image that cannot be
read is drawn as a box with its alt text, as on the desk.

Exit status: 0 when no check found an error; 1 when one did (the preview
is printed all the same, so a script can gate on it) or when the post could
not be read; 2 for a command line crieur does not understand.

  --width N      the phone's width in cells, 20 to 80 (default: the
                 preview.width setting)
  --theme T      the phone's theme, dark (the default) or light
  --expand       the whole text, as after pressing “Read more”
  --file FILE    the post in FILE, or on the standard input with -
`

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
		switch {
		case fileSet && len(ids) > 0:
			return usageError{"preview takes an ID or --file FILE, not both; run 'crieur preview -h' for help"}
		case fileSet && *file == "":
			return usageError{"--file needs a FILE, or - for the standard input"}
		case !fileSet && len(ids) != 1:
			return usageError{"preview takes one post ID, or --file FILE; run 'crieur preview -h' for help"}
		case widthSet && (*width < phone.MinWidth || *width > maxPhoneWidth):
			return usageError{fmt.Sprintf("--width is %d; use %d to %d", *width, phone.MinWidth, maxPhoneWidth)}
		case *theme != "dark" && *theme != "light":
			return usageError{fmt.Sprintf("--theme is %q; use light or dark", *theme)}
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
		if msg.Image != "" {
			rows, _ = phone.ImageBlock(msg.Image, phone.ImageWidth(*width)) // a missing image draws a placeholder
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
			Words:     phone.Words(i18n.For(c.language(settings)).Phone),
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
		writeChecks(&out, problems)
		if _, err := c.stdout.Write(out.Bytes()); err != nil {
			return err
		}
		switch n := message.Errors(problems); n {
		case 0:
			return nil
		case 1:
			return errors.New("a check found an error: the post cannot be validated as it is")
		default:
			return fmt.Errorf("%d checks found errors: the post cannot be validated as it is", n)
		}
	}
}

func (c *cli) previewHelp(w io.Writer) {
	for _, cmd := range commands() {
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
// English sentence for each code.
func writeChecks(w *bytes.Buffer, problems []message.Problem) {
	words := i18n.For("en")
	if len(problems) == 0 {
		fmt.Fprintln(w, words.ChecksOK)
		return
	}
	for _, level := range []message.Level{message.Error, message.Warning} {
		for _, p := range problems {
			if p.Level != level {
				continue
			}
			line := "error: " + p.Code
			if level == message.Warning {
				line = "warning: " + p.Code
			}
			if text := words.Check[p.Code]; text != "" {
				line += ": " + text
			}
			if p.Detail != "" {
				line += ": " + p.Detail
			}
			fmt.Fprintln(w, escapeControls(line))
		}
	}
}

// findPost reads the post whose id is id or starts with it, in any case.
// A preview never creates the data file.
func (c *cli) findPost(id string) (store.Post, error) {
	want := strings.ToUpper(strings.TrimSpace(id))
	if want == "" {
		return store.Post{}, usageError{"the post ID is empty; run 'crieur list' to see the ids"}
	}
	if ok, err := c.exists(); !ok {
		if err == nil {
			err = fmt.Errorf("there is no data file at %s yet: no post %q", c.dataPath(), id)
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
		return store.Post{}, explain(st.Path(), err)
	}
	var found []string
	for _, s := range sums {
		full := strings.ToUpper(s.ID)
		if full == want {
			found = []string{s.ID}
			break
		}
		if strings.HasPrefix(full, want) {
			found = append(found, s.ID)
		}
	}
	switch len(found) {
	case 0:
		return store.Post{}, fmt.Errorf("no post's id starts with %q in %s; run 'crieur list' to see the ids", id, st.Path())
	case 1:
		p, err := st.Post(found[0])
		return p, explain(st.Path(), err)
	}
	shown := found[:min(len(found), 3)]
	more := ""
	if len(found) > len(shown) {
		more = ", …"
	}
	return store.Post{}, fmt.Errorf("%q is the start of %d posts' ids (%s%s); give more of the id",
		id, len(found), strings.Join(shown, ", "), more)
}

// filePost reads one post from a JSON object with the fields of an import
// line, checked by the same rules as import.
func (c *cli) filePost(name string, loc *time.Location) (store.Post, error) {
	label, data, err := c.readInput(name)
	if err != nil {
		return store.Post{}, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	switch {
	case len(data) > maxLine:
		return store.Post{}, fmt.Errorf("%s is %d bytes; a post may not be over %d", label, len(data), maxLine)
	case !utf8.Valid(data):
		return store.Post{}, fmt.Errorf("%s: not valid UTF-8", label)
	}
	var rec exchangePost
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		if errors.Is(err, io.EOF) {
			return store.Post{}, fmt.Errorf("%s is empty: give one post as a JSON object (%s)", label, strings.Join(exchangeFields, ", "))
		}
		return store.Post{}, fmt.Errorf("%s: %s", label, jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return store.Post{}, fmt.Errorf("%s holds more than one JSON value; preview takes one post", label)
	}
	p, problems := rec.post(loc)
	if len(problems) > 0 {
		return store.Post{}, fmt.Errorf("%s: %s", label, strings.Join(problems, "; "))
	}
	return p, nil
}
