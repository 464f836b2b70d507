// Package settings reads and writes the community manager's settings: a
// commented TOML file in the user's config directory. It holds the desk's
// choices (name, language, time zone), the channel's rules, the phone
// preview's size, the week's slots and the destinations a post goes to,
// each checked when read so that a typo is reported rather than ignored.
// The one edit the desk makes to the file (the WhatsApp channel chosen)
// keeps every comment and line the person wrote.
//
// Secrets never live here.
package settings

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Settings are the community manager's choices, kept in a commented TOML
// file in the user's config directory. Secrets never live here.
type Settings struct {
	Desk    Desk    `toml:"desk"`
	Channel Channel `toml:"channel"`
	Preview Preview `toml:"preview"`
	Week    Week    `toml:"week"`
	// Destinations are where each post of the channel goes: a slot sends
	// to all of them. A file that lists none keeps the default, the
	// copy-and-paste one.
	Destinations []Destination `toml:"destination"`
	// Feeds are where the meeting's topics come from; Members the team.
	Feeds      []Feed     `toml:"feed"`
	Members    []Member   `toml:"member"`
	Validation Validation `toml:"validation"`
	Meeting    Meeting    `toml:"meeting"`
	// Categories are the kinds of post, for the editor to offer; a post
	// keeps whatever category it has.
	Categories []Category `toml:"category"`
}

// Week give the week's rhythm: its slots, as "tuesday 09:00".
type Week struct {
	Slots []string `toml:"slots"`
}

// Desk concern the person at the desk.
type Desk struct {
	Name     string `toml:"name"`     // recorded as the validator; empty means the system user
	Language string `toml:"language"` // "fr", "en", or empty to follow the locale
	Timezone string `toml:"timezone"` // IANA name, e.g. Europe/Paris
}

// Channel describe the channel the posts go to.
type Channel struct {
	Name string `toml:"name"`
	// City is the city's name, as the sample week says it.
	City           string   `toml:"city"`
	Followers      int      `toml:"followers"`
	AllowedDomains []string `toml:"allowed_domains"`
	// LinkRule says where the link goes in the outgoing text: "append"
	// (on its own line at the end, unless the body already contains it)
	// or "none" (the body carries it, or the card alone shows it).
	LinkRule string `toml:"link_rule"`
	// UTM are query parameters added to the links of the allowed domains
	// in the outgoing message, as "utm_source=whatsapp&utm_campaign={week}"
	// ({week}: the ISO week of the post's slot); empty: none.
	UTM string `toml:"utm"`
}

// Preview shape the phone preview.
type Preview struct {
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

// Destination describe one destination. Its name is what the send
// log records; its token or signing key comes from the environment or the
// secrets file, never from here.
type Destination struct {
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

// Default are used for anything the file leaves out.
func Default() Settings {
	return Settings{
		Desk:         Desk{Timezone: "Europe/Paris"},
		Channel:      Channel{Name: "Ville de Valbourg", City: "Valbourg", Followers: 12400, AllowedDomains: []string{"valbourg.fr"}, LinkRule: "append"},
		Preview:      Preview{Width: 38, ReadMore: 700},
		Destinations: []Destination{{Name: KindManual, Kind: KindManual}},
		Week:         Week{Slots: []string{"tuesday 09:00", "thursday 12:00", "saturday 10:00"}},
		Validation:   Validation{TopicApproval: true},
		Meeting:      Meeting{Lead: defaultLead},
		Categories:   categories(defaultCategories),
	}
}

// Load reads the settings file at path. A missing file is created with
// the defaults and the person at the desk (ForPerson), every setting written out and commented in the language of
// w; a malformed one is an error naming the file and the line, and is left
// untouched.
func Load(path string, w Words) (Settings, bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		s := ForPerson(w)
		if err := Create(path, w, s); err != nil {
			return Settings{}, false, err
		}
		return s, true, nil
	}
	if err != nil {
		return Settings{}, false, fmt.Errorf("read settings %s: %w", path, err)
	}
	s, err := Parse(data)
	if err != nil {
		return Settings{}, false, fmt.Errorf("settings %s: %w", path, err)
	}
	return s, false, nil
}

// Parse decodes settings text over the defaults and checks every
// value, so that a typo is reported rather than silently ignored.
func Parse(data []byte) (Settings, error) {
	s := Default()
	// The decoder would fill the default destination's fields from the
	// file's first table; listed destinations (and categories) replace the
	// defaults instead.
	s.Destinations, s.Categories = nil, nil
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&s)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Settings{}, problem("line %d: %s", pe.Position.Line, oneLine(pe.Message))
		}
		return Settings{}, problem("%s", oneLine(err.Error()))
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return Settings{}, problem("unknown setting %s", strings.Join(keys, ", "))
	}
	if !md.IsDefined("destination") {
		s.Destinations = Default().Destinations
	}
	if !md.IsDefined("category") {
		s.Categories = Default().Categories
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
			return problem("week.slots: %s", err)
		}
	}
	bad := problem
	switch s.Desk.Language {
	case "", "fr", "en":
	default:
		return bad("desk.language is %q; use \"fr\", \"en\" or \"\"", s.Desk.Language)
	}
	loc, err := time.LoadLocation(s.Desk.Timezone)
	if err != nil || s.Desk.Timezone == "" {
		return bad("desk.timezone %q is not a known time zone (e.g. \"Europe/Paris\")", s.Desk.Timezone)
	}
	if err := checkSlots(s.Week.Slots, loc); err != nil {
		return problem("week.slots: %s", err)
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
	if err := s.checkCategories(bad); err != nil {
		return err
	}
	if err := s.checkMeeting(bad); err != nil {
		return err
	}
	if err := s.checkTeam(bad); err != nil {
		return err
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
			if d.APIBase != "" && !SecretSafe(d.APIBase) {
				return bad("destination %q: api_base must be an https address (the bot's token travels in it); http is taken only for this machine, 127.0.0.1 or localhost, for tests", name)
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

// SecretSafe reports whether addr is an address a secret may travel to:
// https, or plain http to this machine alone (127.0.0.0/8, ::1,
// localhost), where tests run their servers.
func SecretSafe(addr string) bool {
	u, err := url.Parse(strings.TrimSpace(addr))
	if err != nil || u.Host == "" {
		return false
	}
	switch u.Scheme {
	case "https":
		return true
	case "http":
		host := u.Hostname()
		if host == "localhost" {
			return true
		}
		ip, err := netip.ParseAddr(host)
		return err == nil && ip.Unmap().IsLoopback()
	}
	return false
}

// httpURL reports whether addr is an absolute http or https address.
func httpURL(addr string) bool {
	u, err := url.Parse(strings.TrimSpace(addr))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Destination is the destination called name.
func (s Settings) Destination(name string) (Destination, bool) {
	for _, d := range s.Destinations {
		if d.Name == name {
			return d, true
		}
	}
	return Destination{}, false
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

// Location returns the desk's time zone. A zone is read from the system's
// database once, then kept: the outgoing message asks for it on every key
// typed in the editor.
func (s Settings) Location() *time.Location {
	if loc, ok := locations.Load(s.Desk.Timezone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(s.Desk.Timezone)
	if err != nil {
		return time.UTC
	}
	locations.Store(s.Desk.Timezone, loc)
	return loc
}

// locations are the time zones read, by name.
var locations sync.Map

// Person is who speaks at this desk, as a validation or a settled send
// records them: the desk's name, else the person the account names
// (CurrentPerson), never a system account; newsroom is the catalogue's
// word for the team, said when the account names no one.
func (s Settings) Person(newsroom string) string {
	if s.Desk.Name != "" {
		return s.Desk.Name
	}
	return CurrentPerson(newsroom)
}

// WhatsAppDestinations are the destinations of kind whatsapp (at most one
// in settings that passed the checks).
func (s Settings) WhatsAppDestinations() []Destination {
	return s.DestinationsOf(KindWhatsApp)
}

// DestinationsOf are the destinations of one kind, in the settings' order.
func (s Settings) DestinationsOf(kind string) []Destination {
	var out []Destination
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
