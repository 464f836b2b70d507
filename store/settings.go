package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Settings are the community manager's choices, kept in a commented TOML
// file in the user's config directory. Secrets never live here.
type Settings struct {
	Desk    DeskSettings    `toml:"desk"`
	Channel ChannelSettings `toml:"channel"`
	Preview PreviewSettings `toml:"preview"`
}

// DeskSettings concern the person at the desk.
type DeskSettings struct {
	Name     string `toml:"name"`     // recorded as the validator; empty means the system user
	Language string `toml:"language"` // "fr", "en", or empty to follow the locale
	Timezone string `toml:"timezone"` // IANA name, e.g. Europe/Paris
}

// ChannelSettings describe the channel the posts go to.
type ChannelSettings struct {
	Name           string   `toml:"name"`
	Followers      int      `toml:"followers"`
	AllowedDomains []string `toml:"allowed_domains"`
	// LinkRule says where the link goes in the outgoing text: "append"
	// (on its own line at the end, unless the body already contains it)
	// or "none" (the body carries it, or the card alone shows it).
	LinkRule string `toml:"link_rule"`
}

// PreviewSettings shape the phone preview.
type PreviewSettings struct {
	Width    int `toml:"width"`     // the phone's width in terminal cells
	ReadMore int `toml:"read_more"` // characters shown before "Read more"
}

// DefaultSettings are used for anything the file leaves out.
func DefaultSettings() Settings {
	return Settings{
		Desk:    DeskSettings{Timezone: "Europe/Paris"},
		Channel: ChannelSettings{Name: "Ville de Valbourg", Followers: 12400, AllowedDomains: []string{"valbourg.fr"}, LinkRule: "append"},
		Preview: PreviewSettings{Width: 38, ReadMore: 700},
	}
}

// settingsTemplate is written on first run: every setting with its default
// and a word on what it does, so the file explains itself.
const settingsTemplate = `# crieur settings. Lines starting with # are comments.
# Secrets (tokens, keys) never go here.

[desk]
# Your name, recorded when you validate a post. Empty: the system user.
name = ""
# "fr" or "en". Empty: follow the locale (LANG, LC_ALL).
language = ""
# Time zone of the week's slots and of every date shown.
timezone = "Europe/Paris"

[channel]
# The channel's name and follower count, as the phone preview shows them.
name = "Ville de Valbourg"
followers = 12400
# Links must point to one of these domains (or a subdomain).
allowed_domains = ["valbourg.fr"]
# Where the link goes in the text that is sent: "append" puts it on its own
# line at the end unless the body already contains it; "none" leaves the
# body as it is.
link_rule = "append"

[preview]
# Width of the phone preview, in terminal columns.
width = 38
# Characters shown before WhatsApp cuts a long message with "Read more".
read_more = 700
`

// ErrSettings marks a settings file that cannot be used as it is.
var ErrSettings = errors.New("bad settings")

// LoadSettings reads the settings file at path. A missing file is created
// from the commented template; a malformed one is an error naming the file
// and the line, and is left untouched.
func LoadSettings(path string) (Settings, bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return Settings{}, false, fmt.Errorf("create settings folder: %w", err)
		}
		if err := writeFileAtomic(path, []byte(settingsTemplate), 0o600); err != nil {
			return Settings{}, false, fmt.Errorf("create settings %s: %w", path, err)
		}
		s, err := ParseSettings([]byte(settingsTemplate))
		return s, true, err
	}
	if err != nil {
		return Settings{}, false, fmt.Errorf("read settings %s: %w", path, err)
	}
	s, err := ParseSettings(data)
	if err != nil {
		return Settings{}, false, fmt.Errorf("settings %s: %w", path, err)
	}
	return s, false, nil
}

// ParseSettings decodes settings text over the defaults and checks every
// value, so that a typo is reported rather than silently ignored.
func ParseSettings(data []byte) (Settings, error) {
	s := DefaultSettings()
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&s)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Settings{}, fmt.Errorf("%w: line %d: %s", ErrSettings, pe.Position.Line, oneLine(pe.Message))
		}
		return Settings{}, fmt.Errorf("%w: %s", ErrSettings, oneLine(err.Error()))
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return Settings{}, fmt.Errorf("%w: unknown setting %s", ErrSettings, strings.Join(keys, ", "))
	}
	return s, s.check()
}

// oneLine escapes the control characters a parser message may quote from
// the file (a newline inside a string, say), so the error stays one line.
func oneLine(msg string) string {
	var b strings.Builder
	for _, r := range msg {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (s Settings) check() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrSettings, fmt.Sprintf(format, a...))
	}
	switch s.Desk.Language {
	case "", "fr", "en":
	default:
		return bad("desk.language is %q; use \"fr\", \"en\" or \"\"", s.Desk.Language)
	}
	if _, err := time.LoadLocation(s.Desk.Timezone); err != nil || s.Desk.Timezone == "" {
		return bad("desk.timezone %q is not a known time zone (e.g. \"Europe/Paris\")", s.Desk.Timezone)
	}
	switch s.Channel.LinkRule {
	case "append", "none":
	default:
		return bad("channel.link_rule is %q; use \"append\" or \"none\"", s.Channel.LinkRule)
	}
	if s.Channel.Followers < 0 {
		return bad("channel.followers cannot be negative")
	}
	if s.Preview.Width < 24 || s.Preview.Width > 80 {
		return bad("preview.width is %d; use 24 to 80", s.Preview.Width)
	}
	if s.Preview.ReadMore < 100 {
		return bad("preview.read_more is %d; use 100 or more", s.Preview.ReadMore)
	}
	for _, d := range s.Channel.AllowedDomains {
		if d == "" || strings.ContainsAny(d, "/: ") {
			return bad("channel.allowed_domains has %q; write bare domains like \"valbourg.fr\"", d)
		}
	}
	return nil
}

// Location returns the desk's time zone.
func (s Settings) Location() *time.Location {
	loc, err := time.LoadLocation(s.Desk.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}
