package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/adrg/xdg"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// Exit codes: 2 for a command line crieur does not understand, 1 for
// anything else that went wrong.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// releaseVersion is the version of a release build, set by the release
// script (-X main.releaseVersion=v1.2.0); crieur version prints it.
var releaseVersion string

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
	// t is the catalogue of the command line's language, picked by run
	// before anything is said.
	t *i18n.Text
	// whatsapp makes the linked device; nil: the one beside the data file.
	whatsapp func() sender.WhatsApp

	// held is the data file this process holds, when the command came
	// through its local socket from another crieur; dir is where that
	// command was typed.
	held *store.Store
	dir  string
}

// command is one subcommand. setup declares its flags on fs and returns
// what runs once they are parsed, with the arguments left. Its summary and
// usage come from the catalogue, in the command line's language.
type command struct {
	name, summary, usage string
	setup                func(c *cli, fs *flag.FlagSet) func(args []string) error
}

func (c *cli) commands() []command {
	w, meet := c.w(), &c.w().Meeting
	return []command{
		{"list", w.List.Summary, w.List.Usage, (*cli).listCommand},
		{"import", w.Exchange.ImportSummary, w.Exchange.ImportUsage, (*cli).importCommand},
		{"export", w.Exchange.ExportSummary, w.Exchange.ExportUsage, (*cli).exportCommand},
		{"preview", w.Preview.Summary, w.Preview.Usage, (*cli).previewCommand},
		{"send", w.Send.Summary, w.Send.Usage, (*cli).sendCommand},
		{"sends", w.Sends.Summary, w.Sends.Usage, (*cli).sendsCommand},
		{"whatsapp", w.WhatsApp.Summary, w.WhatsApp.Usage, (*cli).whatsappCommand},
		{"feeds", meet.Feeds.Summary, meet.Feeds.Usage, (*cli).feedsCommand},
		{"minutes", meet.Minutes.Summary, meet.Minutes.Usage, (*cli).minutesCommand},
		{"calendar", meet.Calendar.Summary, meet.Calendar.Usage, (*cli).calendarCommand},
		{"backup", w.Backup.Summary, w.Backup.Usage, (*cli).backupCommand},
		{"serve", c.words().Team.ServeSummary, c.words().Team.ServeUsage, (*cli).serveCommand},
		{"version", w.Version.Summary, w.Version.Usage, (*cli).versionCommand},
	}
}

// words is the catalogue of the command line's language; English until
// run has picked it.
func (c *cli) words() *i18n.Text {
	if c.t == nil {
		return i18n.For("en")
	}
	return c.t
}

// w is what the command line says, in its language.
func (c *cli) w() *i18n.CLIText { return &c.words().CLI }

// exitCode ends the program with a code said elsewhere: the answer of
// the crieur that ran the command.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// usageError is a command line crieur does not understand: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func (c *cli) run(args []string) (code int) {
	defer c.recoverCrash(&code)
	c.t = i18n.For(c.earlyLanguage(args))
	err := c.dispatch(args)
	var usage usageError
	if crash, ok := crashOf(err); ok {
		c.reportCrash(crash)
		return exitError
	}
	var forwarded exitCode
	switch {
	case errors.As(err, &forwarded):
		return int(forwarded)
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
	fmt.Fprintf(c.stderr, c.w().Common.ErrorLine, escapeControls(err.Error()))
}

func (c *cli) warn(format string, a ...any) {
	fmt.Fprintf(c.stderr, c.w().Common.WarningLine, escapeControls(fmt.Sprintf(format, a...)))
}

// earlyLanguage picks the command line's language before its flags are
// parsed, so that -h and a mistake in the flags speak it too: --lang, then
// the language setting of the settings file if there is one (it is never
// created here), then the locale, as the desk does.
func (c *cli) earlyLanguage(args []string) string {
	var lang, config string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if !strings.HasPrefix(arg, "-") {
			continue
		}
		name, value, given := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if name != "lang" && name != "config" {
			continue
		}
		if !given && i+1 < len(args) {
			i++
			value = args[i]
		}
		if name == "lang" {
			lang = value
		} else {
			config = value
		}
	}
	if lang == "fr" || lang == "en" {
		return lang
	}
	if config == "" {
		config = defaultConfigPath()
	}
	if data, err := os.ReadFile(config); err == nil {
		if s, err := settings.Parse(data); err == nil {
			lang = s.Desk.Language
		}
	}
	return i18n.Detect(lang, c.getenv)
}

func (c *cli) dispatch(args []string) error {
	top := c.flagSet("crieur")
	if err := c.parse(top, args, c.mainUsage); err != nil {
		return err
	}
	c.fault()
	args = top.Args()
	if len(args) == 0 {
		if err := c.checkLang(); err != nil {
			return err
		}
		if err := c.fileToItself(); err != nil {
			return err
		}
		return c.desk()
	}
	name, args := args[0], args[1:]
	if name == "help" {
		return c.help(args)
	}
	for _, cmd := range c.commands() {
		if cmd.name == name {
			fs := c.flagSet(name)
			run := cmd.setup(c, fs)
			if err := c.parse(fs, args, func(w io.Writer) { c.commandUsage(w, cmd) }); err != nil {
				return err
			}
			if err := c.checkLang(); err != nil {
				return err
			}
			if code, ok := c.forward(append(c.globalArgs(), append([]string{name}, args...)...)); ok {
				return exitCode(code)
			}
			if name == "whatsapp" || name == "serve" {
				if err := c.fileToItself(); err != nil {
					return err
				}
			}
			return run(fs.Args())
		}
	}
	return usageError{fmt.Sprintf(c.w().Common.UnknownCommand, name)}
}

// flagSet makes a command's flag set with the global options on it, so
// that they work before or after the command's name.
func (c *cli) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if c.held != nil {
		// A command from another crieur runs on the file this one holds,
		// with its settings, whatever paths it names.
		var db, config string
		fs.StringVar(&db, "db", "", "the data file")
		fs.StringVar(&config, "config", "", "the settings file")
	} else {
		fs.StringVar(&c.db, "db", c.db, "the data file")
		fs.StringVar(&c.config, "config", c.config, "the settings file")
	}
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
		return usageError{fmt.Sprintf(c.w().Common.BadFlags, c.flagProblem(err), what)}
	}
	return nil
}

func (c *cli) checkLang() error {
	switch c.lang {
	case "", "fr", "en":
		return nil
	}
	return usageError{fmt.Sprintf(c.w().Common.BadLang, c.lang)}
}

// flagProblem says what the flag package found wrong, in the command
// line's language; what it says in a way not foreseen here is left as it
// is.
func (c *cli) flagProblem(err error) string {
	msg := err.Error()
	w := &c.w().Common
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Sprintf(w.FlagUndefined, name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Sprintf(w.FlagNeedsArg, name)
	}
	if arg, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return fmt.Sprintf(w.FlagBadSyntax, arg)
	}
	// invalid value "x" for flag -n: parse error; invalid boolean value
	// "x" for -json: parse error.
	if m := badFlagValue.FindStringSubmatch(msg); m != nil {
		if value, err := strconv.Unquote(m[1]); err == nil {
			return fmt.Sprintf(w.FlagBadValue, value, m[2])
		}
	}
	return msg
}

var badFlagValue = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?(-[^:]+):`)

func (c *cli) help(args []string) error {
	if len(args) == 0 {
		c.mainUsage(c.stdout)
		return nil
	}
	for _, cmd := range c.commands() {
		if cmd.name == args[0] {
			c.commandUsage(c.stdout, cmd)
			return nil
		}
	}
	return usageError{fmt.Sprintf(c.w().Common.NoCommand, args[0])}
}

func (c *cli) mainUsage(w io.Writer) {
	words := &c.w().Common
	fmt.Fprint(w, words.MainHead)
	for _, cmd := range c.commands() {
		fmt.Fprintf(w, "  %-9s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "  %-9s %s\n", "help", words.HelpSummary)
	fmt.Fprint(w, "\n")
	c.globalUsage(w)
	fmt.Fprint(w, words.MainFoot)
}

func (c *cli) globalUsage(w io.Writer) {
	fmt.Fprintf(w, c.w().Common.Options, defaultDataPath(), defaultConfigPath())
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

// settings loads the settings file, creating it on first run in the
// command line's language.
func (c *cli) settings() (settings.Settings, error) {
	s, _, err := settings.Load(c.configPath(), c.settingsWords())
	return s, c.settingsError(err)
}

// settingsError says what is wrong with the settings file in the command
// line's language; any other error is left as it is.
func (c *cli) settingsError(err error) error {
	var p *settings.Problem
	if !errors.As(err, &p) {
		return err
	}
	return fmt.Errorf(c.w().Common.BadSettings, c.configPath(), c.words().SettingsProblem(p.Format, p.Args...))
}

// settingsWords are the words of the settings file in the command line's
// language.
func (c *cli) settingsWords() settings.Words { return settings.Words(c.words().Settings) }

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
	return err == nil, c.explain(c.dataPath(), err)
}

// open opens the data file, waiting at most lockTimeout for another crieur.
func (c *cli) open() (*store.Store, error) { return c.openWith(store.Options{}) }

// openWith opens the data file with the sender's rules, for commands that
// validate or send.
func (c *cli) openWith(opts store.Options) (*store.Store, error) {
	if c.held != nil {
		return c.held.As(""), nil
	}
	path := c.dataPath()
	opts.Timeout = lockTimeout
	st, err := store.Open(path, opts)
	if err != nil {
		return nil, c.explain(path, err)
	}
	return st, nil
}

// explain turns a store error into a sentence for the person at the
// terminal.
func (c *cli) explain(path string, err error) error {
	w := &c.w().Common
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrLocked):
		return fmt.Errorf(w.Locked, path)
	case errors.Is(err, store.ErrNewer):
		return fmt.Errorf(w.Newer, path)
	case errors.Is(err, store.ErrDamaged), errors.Is(err, store.ErrCorrupt):
		msg := fmt.Sprintf(w.Damaged, path, store.BackupDirFor(path))
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
		return fmt.Errorf(w.Permission, path)
	case diskFull(err):
		return fmt.Errorf(w.DiskFull, path, err)
	}
	return err
}

// osError names the file the system refused and says why in the command
// line's language; the operation it was part of is left out.
func (c *cli) osError(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	w := &c.w().Common
	reason := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		reason = w.NoSuchFile
	case errors.Is(pe.Err, fs.ErrPermission):
		reason = w.PermissionDenied
	case errors.Is(pe.Err, syscall.EISDIR):
		reason = w.IsFolder
	case errors.Is(pe.Err, syscall.ENOSPC):
		reason = w.NoSpace
	case errors.Is(pe.Err, syscall.EROFS):
		reason = w.ReadOnly
	}
	return fmt.Errorf(w.PathError, pe.Path, reason)
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

func (c *cli) versionCommand(fs *flag.FlagSet) func([]string) error {
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{c.w().Version.NoArgs}
		}
		words := &c.w().Version
		version := c.version()
		fmt.Fprintf(c.stdout, "crieur %s\n%s %s/%s\n"+words.Schema+"\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, store.SchemaVersion)
		return nil
	}
}

// version is crieur's version: the release's, else the module's as the
// build recorded it, with the commit it was built from when known.
func (c *cli) version() string {
	words := &c.w().Version
	version := words.Unknown
	if info, ok := debug.ReadBuildInfo(); ok {
		version = info.Main.Version
		if releaseVersion != "" {
			version = releaseVersion
		}
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = words.Modified
				}
			}
		}
		if rev != "" {
			version += fmt.Sprintf(" (%.12s%s)", rev, modified)
		}
	}
	return version
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
