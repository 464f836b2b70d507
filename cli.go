package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/adrg/xdg"

	"crieur/message"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui"
	"crieur/ui/i18n"
)

// Exit codes: 2 for a command line crieur does not understand, 1 for
// anything else that went wrong.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// lockTimeout is how long a command waits for another crieur to let go of
// the data file before saying so.
const lockTimeout = time.Second

// cli is one run of the program: its streams, its environment and the
// global options.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time

	db, config, lang string
	offline          bool
	// whatsapp makes the linked device; nil: the one beside the data file.
	whatsapp func() sender.WhatsApp
}

// command is one subcommand. setup declares its flags on fs and returns
// what runs once they are parsed, with the arguments left.
type command struct {
	name, summary, usage string
	setup                func(c *cli, fs *flag.FlagSet) func(args []string) error
}

func commands() []command {
	return []command{
		{"list", "list the posts, newest first", listUsage, (*cli).listCommand},
		{"import", "add posts from a JSON lines or CSV file", importUsage, (*cli).importCommand},
		{"export", "write the posts out as JSON lines or CSV", exportUsage, (*cli).exportCommand},
		{"preview", "print a post's phone preview and its checks", previewUsage, (*cli).previewCommand},
		{"send", "send the posts that are due, from cron or a timer", sendUsage, (*cli).sendCommand},
		{"whatsapp", "link the desk to WhatsApp and choose the channel", whatsappUsage, (*cli).whatsappCommand},
		{"feeds", i18n.For("en").Meet.Feeds.Summary, i18n.For("en").Meet.Feeds.Usage, (*cli).feedsCommand},
		{"minutes", i18n.For("en").Meet.Minutes.Summary, i18n.For("en").Meet.Minutes.Usage, (*cli).minutesCommand},
		{"calendar", i18n.For("en").Meet.Calendar.Summary, i18n.For("en").Meet.Calendar.Usage, (*cli).calendarCommand},
		{"backup", "copy the data file to a backup", backupUsage, (*cli).backupCommand},
		{"version", "show the versions of crieur, Go and the data file's schema", versionUsage, (*cli).versionCommand},
	}
}

// usageError is a command line crieur does not understand: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func (c *cli) run(args []string) int {
	err := c.dispatch(args)
	var usage usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &usage):
		c.fail(err)
		return exitUsage
	default:
		c.fail(err)
		return exitError
	}
}

// fail writes one line on stderr, whatever the error holds.
func (c *cli) fail(err error) {
	fmt.Fprintf(c.stderr, "crieur: %s\n", escapeControls(err.Error()))
}

func (c *cli) warn(format string, a ...any) {
	fmt.Fprintf(c.stderr, "crieur: warning: %s\n", escapeControls(fmt.Sprintf(format, a...)))
}

func (c *cli) dispatch(args []string) error {
	top := c.flagSet("crieur")
	if err := c.parse(top, args, c.mainUsage); err != nil {
		return err
	}
	args = top.Args()
	if len(args) == 0 {
		return c.desk()
	}
	name, args := args[0], args[1:]
	if name == "help" {
		return c.help(args)
	}
	for _, cmd := range commands() {
		if cmd.name == name {
			fs := c.flagSet(name)
			run := cmd.setup(c, fs)
			if err := c.parse(fs, args, func(w io.Writer) { c.commandUsage(w, cmd) }); err != nil {
				return err
			}
			if err := c.checkLang(); err != nil {
				return err
			}
			return run(fs.Args())
		}
	}
	return usageError{fmt.Sprintf("unknown command %q; run 'crieur -h' for the list", name)}
}

// flagSet makes a command's flag set with the global options on it, so
// that they work before or after the command's name.
func (c *cli) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&c.db, "db", c.db, "the data file")
	fs.StringVar(&c.config, "config", c.config, "the settings file")
	fs.StringVar(&c.lang, "lang", c.lang, "the language: fr or en")
	fs.BoolVar(&c.offline, "offline", c.offline, "never read the pages posts link to")
	return fs
}

func (c *cli) parse(fs *flag.FlagSet, args []string, usage func(io.Writer)) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage(c.stdout)
		return err
	case err != nil:
		what := "crieur"
		if fs.Name() != "crieur" {
			what += " " + fs.Name()
		}
		return usageError{fmt.Sprintf("%v; run '%s -h' for help", err, what)}
	}
	return nil
}

func (c *cli) checkLang() error {
	switch c.lang {
	case "", "fr", "en":
		return nil
	}
	return usageError{fmt.Sprintf("--lang is %q; use fr or en", c.lang)}
}

func (c *cli) help(args []string) error {
	if len(args) == 0 {
		c.mainUsage(c.stdout)
		return nil
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			c.commandUsage(c.stdout, cmd)
			return nil
		}
	}
	return usageError{fmt.Sprintf("no command %q; run 'crieur -h' for the list", args[0])}
}

func (c *cli) mainUsage(w io.Writer) {
	fmt.Fprint(w, `crieur: the editorial desk of a city's WhatsApp Channel.

Usage:
  crieur [options]              open the desk in the terminal
  crieur [options] COMMAND ...  run a command on the same data file

Commands:
`)
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "  %-9s %s\n", "help", "show the help of a command: crieur help import")
	fmt.Fprint(w, "\n")
	c.globalUsage(w)
	fmt.Fprint(w, `
The first time the desk opens a new data file it fills it with a sample
week of posts, marked as samples and removable in one step. Each day the
desk opens, it copies the data file into the backups folder beside it
and keeps the last 7 copies.

Run 'crieur COMMAND -h' for the help of a command.
`)
}

func (c *cli) globalUsage(w io.Writer) {
	fmt.Fprintf(w, `Options (before or after the command):
  --db PATH       the data file
                  (default %s)
  --config PATH   the settings file, created with comments on first run
                  (default %s)
  --lang fr|en    the desk's language; by default the language setting,
                  else French when LC_ALL, LC_MESSAGES or LANG starts with fr
  --offline       no network: the pages posts link to are not read (their
                  cards show the posts' own titles) and only the copy-and-paste
                  destination sends; the others' sends wait
`, defaultDataPath(), defaultConfigPath())
}

func (c *cli) commandUsage(w io.Writer, cmd command) {
	fmt.Fprint(w, cmd.usage)
	fmt.Fprint(w, "\n")
	c.globalUsage(w)
}

func defaultDataPath() string   { return filepath.Join(xdg.DataHome, "crieur", "crieur.db") }
func defaultConfigPath() string { return filepath.Join(xdg.ConfigHome, "crieur", "config.toml") }

func (c *cli) dataPath() string {
	if c.db != "" {
		return c.db
	}
	return defaultDataPath()
}

func (c *cli) configPath() string {
	if c.config != "" {
		return c.config
	}
	return defaultConfigPath()
}

// settings loads the settings file, creating it on first run.
func (c *cli) settings() (settings.Settings, error) {
	s, _, err := settings.Load(c.configPath())
	return s, err
}

// language picks the desk's language: --lang, then the setting, then the
// locale.
func (c *cli) language(s settings.Settings) string {
	choice := c.lang
	if choice == "" {
		choice = s.Desk.Language
	}
	return i18n.Detect(choice, c.getenv)
}

// exists reports whether the data file is there. Reading commands do not
// create it: the desk does, with the sample week.
func (c *cli) exists() (bool, error) {
	_, err := os.Stat(c.dataPath())
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, explain(c.dataPath(), err)
}

// open opens the data file, waiting at most lockTimeout for another crieur.
func (c *cli) open() (*store.Store, error) { return c.openWith(store.Options{}) }

// openWith opens the data file with the sender's rules, for commands that
// validate or send.
func (c *cli) openWith(opts store.Options) (*store.Store, error) {
	path := c.dataPath()
	opts.Timeout = lockTimeout
	st, err := store.Open(path, opts)
	if err != nil {
		return nil, explain(path, err)
	}
	return st, nil
}

// explain turns a store error into a sentence for the person at the
// terminal.
func explain(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrLocked):
		return fmt.Errorf("%s is open in another crieur; close it and try again", path)
	case errors.Is(err, store.ErrNewer):
		return fmt.Errorf("%s was written by a newer crieur; install that version to open it (the file was left untouched)", path)
	case errors.Is(err, store.ErrDamaged), errors.Is(err, store.ErrCorrupt):
		msg := fmt.Sprintf("%s is damaged or is not a crieur data file; it was left untouched, and the daily backups are in %s",
			path, store.BackupDirFor(path))
		// What the store found, without saying again what the sentence says.
		detail := err.Error()
		for _, known := range []error{store.ErrDamaged, store.ErrCorrupt} {
			if i := strings.Index(detail, known.Error()); i >= 0 && errors.Is(err, known) {
				detail = strings.TrimSpace(detail[i+len(known.Error()):])
				break
			}
		}
		if detail != "" {
			msg += " " + detail
		}
		return errors.New(msg)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s cannot be opened: permission denied", path)
	case diskFull(err):
		return fmt.Errorf("%s: the disk is full, or the file may grow no more; nothing was saved: free some space and try again (%v)", path, err)
	}
	return err
}

// diskFull says whether a write failed for want of room. bbolt words the
// failure to grow its file with %s, which drops the error number, so its
// text is matched too.
func diskFull(err error) bool {
	for _, e := range []syscall.Errno{syscall.ENOSPC, syscall.EFBIG, syscall.EDQUOT} {
		if errors.Is(err, e) || strings.Contains(err.Error(), e.Error()) {
			return true
		}
	}
	return false
}

// desk opens the desk: the sample week on a new file, the daily backup,
// then the terminal interface until the person quits.
func (c *cli) desk() error {
	if err := c.checkLang(); err != nil {
		return err
	}
	conf, err := c.settings()
	if err != nil {
		return err
	}
	lang := c.language(conf)
	st, err := c.openWith(store.Options{Hash: func(p store.Post) string { return sender.Seal(p, conf) }})
	if err != nil {
		return err
	}
	defer st.Close()
	c.prepareDesk(st, conf, lang)
	var device sender.WhatsApp // offline, the desk links nothing
	if !c.offline {
		device = c.whatsappDevice()
		defer closeDevice(device)
	}
	return ui.Run(ui.Config{
		Store: st, Settings: conf, SettingsPath: c.configPath(), Lang: lang, Now: time.Now,
		Backup: true,
		// The program's memory policy, once the backlog is on screen.
		Settle: settleMemory,
		// Link cards are read from the pages posts link to; offline the
		// reads fail quietly and the cards show the posts' own titles.
		HTTP:       c.httpClient(),
		Dispatcher: c.deskDispatcher(st, conf, device),
		WhatsApp:   device,
		NewDispatcher: func(s settings.Settings) (*sender.Dispatcher, error) {
			return c.sendDispatcher(st, s, device)
		},
	})
}

// prepareDesk does what opening the desk does before the first frame: the
// sample week on a new file (the desk makes today's backup itself once it
// is up). It never stops the desk.
func (c *cli) prepareDesk(st *store.Store, settings settings.Settings, lang string) {
	if st.Fresh() {
		samples := samplePosts(lang, c.now())
		for i := range samples {
			samples[i].Problems = message.Errors(sender.Check(samples[i], settings, nil, c.now()))
		}
		if _, err := st.Import(samples, store.RevImport); err != nil {
			c.warn("the sample week could not be added: %v", explain(st.Path(), err))
		}
	}
}

// samplePosts is the catalogue's sample week as posts, marked as samples.
func samplePosts(lang string, now time.Time) []store.Post {
	week := i18n.Samples(lang, now)
	posts := make([]store.Post, len(week))
	for i, s := range week {
		posts[i] = store.Post{
			Title: s.Title, Body: s.Body, Link: s.Link, Category: s.Category, Notes: s.Notes,
			Status: store.Status(s.Status), Created: s.Created, Sample: true,
		}
	}
	return posts
}

const backupUsage = `Usage: crieur backup [PATH]

Copies the data file, consistently, to PATH, and prints where the copy is.
Without PATH the copy goes to the backups folder beside the data file, as
backups/crieur-YYYY-MM-DD-HHMMSS.db; these copies are never rotated away
(the desk's daily ones, crieur-YYYY-MM-DD.db, keep the last 7).

To restore a backup, close the desk and copy the backup over the data file.
`

func (c *cli) backupCommand(fs *flag.FlagSet) func([]string) error {
	return func(args []string) error {
		if len(args) > 1 {
			return usageError{"backup takes at most one PATH; run 'crieur backup -h' for help"}
		}
		if ok, err := c.exists(); !ok {
			if err == nil {
				err = fmt.Errorf("there is no data file at %s yet: nothing to back up", c.dataPath())
			}
			return err
		}
		st, err := c.open()
		if err != nil {
			return err
		}
		defer st.Close()
		path := filepath.Join(st.BackupDir(), "crieur-"+c.now().Format("2006-01-02-150405")+".db")
		if len(args) == 1 {
			path = args[0]
		}
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s already exists; name another file", path)
		}
		if err := st.Backup(path); err != nil {
			if errors.Is(err, os.ErrPermission) || diskFull(err) {
				// The copy's folder or disk, not the data file: the error names it.
				return fmt.Errorf("the backup could not be written; the data file is untouched: %w", err)
			}
			return explain(st.Path(), err)
		}
		fmt.Fprintln(c.stdout, path)
		return nil
	}
}

const versionUsage = `Usage: crieur version

Shows the version of crieur, the Go version it was built with, and the
schema version of the data files it writes (it reads files up to it).
`

func (c *cli) versionCommand(fs *flag.FlagSet) func([]string) error {
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{"version takes no arguments"}
		}
		version := "(unknown)"
		if info, ok := debug.ReadBuildInfo(); ok {
			version = info.Main.Version
			var rev, modified string
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					if s.Value == "true" {
						modified = ", modified"
					}
				}
			}
			if rev != "" {
				version += fmt.Sprintf(" (%.12s%s)", rev, modified)
			}
		}
		fmt.Fprintf(c.stdout, "crieur %s\n%s %s/%s\nschema %d\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, store.SchemaVersion)
		return nil
	}
}

// escapeControls shows control characters, invalid bytes and the
// characters that reorder text as escapes, so that text from a post or a
// file never drives the terminal.
func escapeControls(s string) string {
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !clean || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == unicode.ReplacementChar && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unsafeRune(r) && r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune is a control character (C0, DEL, C1) or a bidirectional
// override, embedding or isolate.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
		return true
	}
	return false
}

// httpClient reads link cards for the desk, or nil when it must stay
// offline (--offline).
func (c *cli) httpClient() *http.Client {
	if c.offline {
		return nil
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// deskDispatcher delivers the due sends while the desk is open, or nil
// when destinations cannot be set up (said once on stderr, and the desk
// opens all the same).
func (c *cli) deskDispatcher(st *store.Store, conf settings.Settings, device sender.WhatsApp) *sender.Dispatcher {
	d, err := c.sendDispatcher(st, conf, device)
	if err != nil {
		c.warn("the desk will not send: %v", err)
	}
	return d
}

// sendDispatcher makes the desk's dispatcher. With --offline only the
// copy-and-paste destination sends; the others' sends wait in the queue.
func (c *cli) sendDispatcher(st *store.Store, conf settings.Settings, device sender.WhatsApp) (*sender.Dispatcher, error) {
	reachable := conf
	if c.offline {
		reachable.Destinations = nil
		for _, d := range conf.Destinations {
			if d.Kind == settings.KindManual {
				reachable.Destinations = append(reachable.Destinations, d)
			}
		}
	}
	secrets, err := sender.LoadSecrets(c.secretsPath(), c.getenv)
	if err == nil {
		var backends map[string]sender.Backend
		backends, err = sender.BuildBackends(reachable, secrets, &http.Client{}, filepath.Join(filepath.Dir(st.Path()), "outbox"),
			whatsappOptions(reachable, device)...)
		if err == nil {
			return &sender.Dispatcher{Store: st, Settings: conf, Backends: backends, Now: c.now, FollowSettings: true}, nil
		}
	}
	return nil, err
}
