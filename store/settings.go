package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
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
	Week    WeekSettings    `toml:"week"`
	// Destinations are where each post of the channel goes: a slot sends
	// to all of them. A file that lists none keeps the default, the
	// copy-and-paste one.
	Destinations []DestinationSettings `toml:"destination"`
}

// WeekSettings give the week's rhythm: its slots, as "tuesday 09:00".
type WeekSettings struct {
	Slots []string `toml:"slots"`
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

// Kinds of destination: the back-end that delivers to it.
const (
	KindManual   = "manual"   // copy and paste into WhatsApp by hand
	KindTelegram = "telegram" // the Telegram Bot API, to a channel
	KindWebhook  = "webhook"  // a signed JSON POST
	KindWhatsApp = "whatsapp" // the WhatsApp Channel itself, as a linked device
)

// DestinationSettings describe one destination. Its name is what the send
// log records; its token or signing key comes from the environment or the
// secrets file, never from here.
type DestinationSettings struct {
	Name    string `toml:"name"`
	Kind    string `toml:"kind"`     // KindManual, KindTelegram, KindWebhook or KindWhatsApp
	ChatID  string `toml:"chat_id"`  // telegram: "@channel" or the channel's numeric id
	APIBase string `toml:"api_base"` // telegram: the Bot API server; empty for Telegram's own
	URL     string `toml:"url"`      // webhook: the address it posts to
	// whatsapp: the channel's id, "120363...@newsletter", and its name as
	// it was when chosen (shown by the desk; the id is what counts).
	Channel     string `toml:"channel"`
	ChannelName string `toml:"channel_name"`
}

// DefaultSettings are used for anything the file leaves out.
func DefaultSettings() Settings {
	return Settings{
		Desk:         DeskSettings{Timezone: "Europe/Paris"},
		Channel:      ChannelSettings{Name: "Ville de Valbourg", Followers: 12400, AllowedDomains: []string{"valbourg.fr"}, LinkRule: "append"},
		Preview:      PreviewSettings{Width: 38, ReadMore: 700},
		Destinations: []DestinationSettings{{Name: KindManual, Kind: KindManual}},
		Week:         WeekSettings{Slots: []string{"tuesday 09:00", "thursday 12:00", "saturday 10:00"}},
	}
}

// Slots are the week's slots, in the order of the week (Monday first).
// The settings were checked when read, so every slot parses.
func (s Settings) Slots() []Slot {
	var out []Slot
	for _, text := range s.Week.Slots {
		if slot, err := ParseSlot(text); err == nil {
			out = append(out, slot)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].before(out[j]) })
	return out
}

// ParseSlot reads a slot written as a weekday and a time: "tuesday 09:00",
// in English or in French ("mardi 9:00").
func ParseSlot(text string) (Slot, error) {
	fields := strings.Fields(strings.ToLower(text))
	if len(fields) != 2 {
		return Slot{}, fmt.Errorf("slot %q: write a weekday and a time, as \"tuesday 09:00\"", text)
	}
	day, ok := slotDays[fields[0]]
	if !ok {
		return Slot{}, fmt.Errorf("slot %q: %q is not a weekday", text, fields[0])
	}
	var h, m int
	if n, err := fmt.Sscanf(strings.Replace(fields[1], "h", ":", 1), "%d:%d", &h, &m); n != 2 || err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return Slot{}, fmt.Errorf("slot %q: %q is not a time of day, as 09:00", text, fields[1])
	}
	return Slot{Weekday: day, Hour: h, Minute: m}, nil
}

var slotDays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
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

[week]
# The week's slots: a weekday and a local time each ("mardi 9:00" works too).
slots = ["tuesday 09:00", "thursday 12:00", "saturday 10:00"]

# Where the posts go: one [[destination]] table each, and each slot sends
# to all of them. "manual" copies the text for you to paste in WhatsApp.
# Tokens never go here: set CRIEUR_TELEGRAM_TOKEN and CRIEUR_WEBHOOK_SECRET
# in the environment or in secrets.env beside this file (chmod 600).
[[destination]]
name = "manual"
kind = "manual"

# [[destination]]
# name = "telegram"
# kind = "telegram"
# chat_id = "@valbourg"
# # The Bot API server; empty for Telegram's own.
# api_base = ""

# [[destination]]
# name = "automation"
# kind = "webhook"
# url = "https://hooks.example.org/crieur"

# The WhatsApp Channel itself, with this desk linked as a device of an
# admin's account: "crieur whatsapp link", then "crieur whatsapp channels"
# writes this table for you. Keep "manual" only if you also paste by hand.
# [[destination]]
# name = "whatsapp"
# kind = "whatsapp"
# channel = "120363000000000000@newsletter"
# channel_name = "Ville de Valbourg"
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
	// The decoder would fill the default destination's fields from the
	// file's first table; listed destinations replace the default instead.
	s.Destinations = nil
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
	if !md.IsDefined("destination") {
		s.Destinations = DefaultSettings().Destinations
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
	for _, slot := range s.Week.Slots {
		if _, err := ParseSlot(slot); err != nil {
			return fmt.Errorf("%w: week.slots: %v", ErrSettings, err)
		}
	}
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
	return s.checkDestinations(bad)
}

// checkDestinations refuses a destination that could not deliver: an
// unknown kind, a name given twice, a missing address. No error quotes a
// webhook's address: it is often a secret of its own.
func (s Settings) checkDestinations(bad func(string, ...any) error) error {
	if len(s.Destinations) == 0 {
		return bad("no destination; keep at least the manual one ([[destination]] with kind = \"manual\")")
	}
	seen := map[string]bool{}
	for i, d := range s.Destinations {
		name := strings.TrimSpace(d.Name)
		if name == "" || name != d.Name || strings.IndexFunc(name, unicode.IsControl) >= 0 {
			return bad("destination %d needs a name, without spaces around it (e.g. name = \"telegram\")", i+1)
		}
		if seen[name] {
			return bad("destination name %q is given twice; each destination needs its own", name)
		}
		seen[name] = true
		switch d.Kind {
		case KindManual:
		case KindTelegram:
			if strings.TrimSpace(d.ChatID) == "" {
				return bad("destination %q (telegram) needs chat_id, e.g. \"@valbourg\"", name)
			}
			if d.APIBase != "" && !httpURL(d.APIBase) {
				return bad("destination %q: api_base must be an http(s) address", name)
			}
		case KindWebhook:
			if !httpURL(d.URL) {
				return bad("destination %q (webhook) needs url, an http(s) address", name)
			}
		case KindWhatsApp:
			if !NewsletterJID(d.Channel) {
				return bad("destination %q (whatsapp) needs channel, the channel's id as \"120363...@newsletter\"; \"crieur whatsapp channels\" lists them", name)
			}
		case "":
			return bad("destination %q needs a kind: \"manual\", \"telegram\", \"webhook\" or \"whatsapp\"", name)
		default:
			return bad("destination %q has kind %q; use \"manual\", \"telegram\", \"webhook\" or \"whatsapp\"", name, d.Kind)
		}
		if d.Kind != KindTelegram && (d.ChatID != "" || d.APIBase != "") {
			return bad("destination %q: chat_id and api_base are for telegram only", name)
		}
		if d.Kind != KindWebhook && d.URL != "" {
			return bad("destination %q: url is for webhook only", name)
		}
		if d.Kind != KindWhatsApp && (d.Channel != "" || d.ChannelName != "") {
			return bad("destination %q: channel and channel_name are for whatsapp only", name)
		}
	}
	if n := len(s.WhatsAppDestinations()); n > 1 {
		return bad("%d whatsapp destinations; crieur sends to one WhatsApp Channel, keep one", n)
	}
	return nil
}

// httpURL reports whether addr is an absolute http or https address.
func httpURL(addr string) bool {
	u, err := url.Parse(strings.TrimSpace(addr))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Destination is the destination called name.
func (s Settings) Destination(name string) (DestinationSettings, bool) {
	for _, d := range s.Destinations {
		if d.Name == name {
			return d, true
		}
	}
	return DestinationSettings{}, false
}

// DestinationNames are the names of the destinations, in the file's order:
// what a slot queues its post for.
func (s Settings) DestinationNames() []string {
	names := make([]string, len(s.Destinations))
	for i, d := range s.Destinations {
		names[i] = d.Name
	}
	return names
}

// Location returns the desk's time zone.
func (s Settings) Location() *time.Location {
	loc, err := time.LoadLocation(s.Desk.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// WhatsAppDestinations are the destinations of kind whatsapp (at most one
// in settings that passed the checks).
func (s Settings) WhatsAppDestinations() []DestinationSettings {
	return s.DestinationsOf(KindWhatsApp)
}

// DestinationsOf are the destinations of one kind, in the settings' order.
func (s Settings) DestinationsOf(kind string) []DestinationSettings {
	var out []DestinationSettings
	for _, d := range s.Destinations {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

// NewsletterJID reports whether jid is a WhatsApp Channel's id: digits,
// then "@newsletter".
func NewsletterJID(jid string) bool {
	user, ok := strings.CutSuffix(jid, "@newsletter")
	if !ok || user == "" {
		return false
	}
	for _, r := range user {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// SetWhatsAppChannel writes the chosen channel into the settings file at
// path, changing as little as it can: the channel and channel_name lines
// of its whatsapp destination, or, when there is none, a new
// [[destination]] table at the end. Every other line, comments included,
// stays as the person wrote it. A missing file is first created from the
// commented template. The new text must read back as valid settings with
// that channel, or the file is left untouched; it replaces the old one in
// one rename, so a crash leaves one or the other.
func SetWhatsAppChannel(path, jid, name string) error {
	if !NewsletterJID(jid) {
		return fmt.Errorf("%w: %q is not a WhatsApp Channel id (\"120363...@newsletter\")", ErrSettings, jid)
	}
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, _, err = LoadSettings(path); err != nil {
			return err
		}
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return fmt.Errorf("read settings %s: %w", path, err)
	}
	before, err := ParseSettings(data)
	if err != nil {
		return fmt.Errorf("settings %s: %w; fix it before choosing the channel", path, err)
	}
	text, err := withWhatsAppChannel(string(data), before, jid, name)
	if err != nil {
		return fmt.Errorf("settings %s: %w", path, err)
	}
	mid, err := ParseSettings([]byte(text))
	if err != nil {
		return fmt.Errorf("settings %s: the channel could not be written in: %w", path, err)
	}
	text = withoutManual(text, mid)
	after, err := ParseSettings([]byte(text))
	if err != nil {
		return fmt.Errorf("settings %s: the channel could not be written in: %w", path, err)
	}
	if ds := after.WhatsAppDestinations(); len(ds) != 1 || ds[0].Channel != jid || ds[0].ChannelName != name {
		return fmt.Errorf("%w: %s: the channel could not be written in; add it by hand", ErrSettings, path)
	}
	mode := fs.FileMode(0o600)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	if err := writeFileAtomic(path, []byte(text), mode); err != nil {
		return fmt.Errorf("write settings %s: %w", path, err)
	}
	return nil
}

// withWhatsAppChannel edits the settings text line by line. It finds the
// tables by their headers; a file that lists its destinations in another
// TOML form (an inline array) is not edited, and the error says so.
func withWhatsAppChannel(text string, s Settings, jid, name string) (string, error) {
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	channelLine := "channel = " + tomlString(jid)
	nameLine := "channel_name = " + tomlString(name)

	tables := destinationTables(lines)

	index := -1
	if len(s.Destinations) > 0 && len(tables) == len(s.Destinations) {
		for i, d := range s.Destinations {
			if d.Kind == KindWhatsApp {
				index = i
			}
		}
	} else if len(s.WhatsAppDestinations()) > 0 {
		return "", fmt.Errorf("%w: the destinations are not written as [[destination]] tables; set channel = %s by hand", ErrSettings, tomlString(jid))
	}

	if index < 0 {
		// A new table at the end, under a name no other destination has.
		dest := KindWhatsApp
		for n := 2; ; n++ {
			if _, taken := s.Destination(dest); !taken {
				break
			}
			dest = fmt.Sprintf("%s-%d", KindWhatsApp, n)
		}
		for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
			lines = lines[:len(lines)-1]
		}
		lines = append(lines, "",
			"# The WhatsApp Channel this desk posts to as a linked device.",
			"[[destination]]",
			"name = "+tomlString(dest),
			`kind = "whatsapp"`,
			channelLine,
			nameLine,
			"")
		return strings.Join(lines, nl), nil
	}

	t := tables[index]
	setKey := func(key, line string, after int) int {
		for i := t.start + 1; i < t.end; i++ {
			if tomlKey(lines[i]) == key {
				lines[i] = line
				return i
			}
		}
		lines = append(lines[:after+1], append([]string{line}, lines[after+1:]...)...)
		t.end++
		return after + 1
	}
	kindLine := t.start
	for i := t.start + 1; i < t.end; i++ {
		if tomlKey(lines[i]) == "kind" {
			kindLine = i
		}
	}
	at := setKey("channel", channelLine, kindLine)
	setKey("channel_name", nameLine, at)
	return strings.Join(lines, nl), nil
}

// table is where a [[destination]] table starts (its header) and ends
// (the next header, or the end of the file).
type table struct{ start, end int }

// destinationTables finds the [[destination]] tables of a settings file.
func destinationTables(lines []string) []table {
	var tables []table
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "[") {
			continue
		}
		if len(tables) > 0 && tables[len(tables)-1].end < 0 {
			tables[len(tables)-1].end = i
		}
		header, _, _ := strings.Cut(t, "#")
		if strings.Join(strings.Fields(strings.NewReplacer("[", " [ ", "]", " ] ").Replace(header)), "") == "[[destination]]" {
			tables = append(tables, table{start: i, end: -1})
		}
	}
	if len(tables) > 0 && tables[len(tables)-1].end < 0 {
		tables[len(tables)-1].end = len(lines)
	}
	return tables
}

// withoutManual comments out the manual destinations once the desk posts
// to the WhatsApp channel itself: the manual one is the same channel by
// hand, and keeping both would ask the person to paste what the desk has
// already published. The tables stay in the file, commented, to be
// turned on again by hand.
func withoutManual(text string, s Settings) string {
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	tables := destinationTables(lines)
	if len(tables) != len(s.Destinations) {
		return text
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if s.Destinations[i].Kind != KindManual {
			continue
		}
		// The table runs to the next header, over the comments that
		// introduce the next, commented, tables: it ends at its last key.
		t := tables[i]
		last := t.start
		for j := t.start + 1; j < t.end; j++ {
			if tomlKey(lines[j]) != "" {
				last = j
			}
		}
		for j := t.start; j <= last; j++ {
			lines[j] = "# " + lines[j]
		}
		note := "# Turned off when the WhatsApp channel was chosen: the desk posts there itself."
		lines = append(lines[:t.start], append([]string{note}, lines[t.start:]...)...)
	}
	return strings.Join(lines, nl)
}

// tomlKey is the bare key a line sets ("channel" for `channel = "..."`),
// or "" for a comment, a header or anything else.
func tomlKey(line string) string {
	key, _, ok := strings.Cut(line, "=")
	if !ok {
		return ""
	}
	key = strings.TrimSpace(key)
	if key == "" || strings.ContainsAny(key, "#[\"' ") {
		return ""
	}
	return key
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
