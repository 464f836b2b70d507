package settings

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// Feed is one RSS or Atom feed the topics of the meeting come from: the
// city's site, its magazine. Its name is the source its ideas carry.
type Feed struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// Roles of a member of the team.
const (
	RoleWriter    = "writer"    // writes and edits posts, proposes ideas
	RoleValidator = "validator" // also validates, plans, sends, records the meeting's decisions
	RoleAdmin     = "admin"     // also links WhatsApp and changes the team
)

// Member is one person of the editorial team: the meeting lists them as
// attendees and writers; the team desk knows them by their public key.
type Member struct {
	Name string `toml:"name"`
	Role string `toml:"role"` // RoleWriter, RoleValidator or RoleAdmin
	Key  string `toml:"key"`  // the team desk only: "ssh-ed25519 AAAA… camille@portable"
	// Language is the member's language on the team desk when their
	// terminal does not say: "fr", "en" or empty for desk.language.
	Language string `toml:"language,omitempty"`
}

// Validation holds the rules of validation.
type Validation struct {
	// TopicApproval: a post whose topic the meeting decided "this week"
	// carries that approval in its validation, and on the team desk may
	// be validated by its own author when that author is a validator.
	TopicApproval bool `toml:"topic_approval"`
	// FourEyes: on the team desk, where people are told apart, a post is
	// validated by a member other than its last author, except as
	// TopicApproval allows.
	FourEyes bool `toml:"four_eyes"`
}

// Meeting holds the editorial meeting's settings.
type Meeting struct {
	// Lead is how long before its slot a post validated late is no
	// longer queued by itself, as "3h" or "90m": a person decides.
	Lead string `toml:"lead"`
}

// defaultLead is the meeting.lead of a file that leaves it out.
const defaultLead = "3h"

// LeadTime is meeting.lead as a duration.
func (s Settings) LeadTime() time.Duration {
	d, err := time.ParseDuration(s.Meeting.Lead)
	if err != nil {
		d, _ = time.ParseDuration(defaultLead)
	}
	return d
}

// Team is the team of the settings, in their order; with none listed,
// the person at the desk alone (desk.name, or who as the caller names
// the system user).
func (s Settings) Team(who string) []Member {
	if len(s.Members) > 0 {
		return s.Members
	}
	name := strings.TrimSpace(s.Desk.Name)
	if name == "" {
		name = who
	}
	if name == "" {
		return nil
	}
	return []Member{{Name: name, Role: RoleAdmin}}
}

// checkMeeting checks the feeds, the team, the lead time and the
// tracking parameters.
func (s Settings) checkMeeting(bad func(string, ...any) error) error {
	names := map[string]bool{}
	for i, f := range s.Feeds {
		name := strings.TrimSpace(f.Name)
		if name == "" || name != f.Name || strings.IndexFunc(name, unicode.IsControl) >= 0 {
			return bad("feed %d needs a name, without spaces around it (e.g. name = \"Site de la ville\")", i+1)
		}
		if names[name] {
			return bad("feed name %q is given twice; each feed needs its own", name)
		}
		names[name] = true
		if !httpURL(f.URL) {
			return bad("feed %q needs url, an http(s) address", name)
		}
	}
	names = map[string]bool{}
	for i, m := range s.Members {
		name := strings.TrimSpace(m.Name)
		if name == "" || name != m.Name || strings.IndexFunc(name, unicode.IsControl) >= 0 {
			return bad("member %d needs a name, without spaces around it (e.g. name = \"Camille Durand\")", i+1)
		}
		if names[name] {
			return bad("member %q is listed twice", name)
		}
		names[name] = true
		switch m.Role {
		case RoleWriter, RoleValidator, RoleAdmin:
		default:
			return bad("member %q has role %q; use \"writer\", \"validator\" or \"admin\"", name, m.Role)
		}
		if m.Key != "" && (len(strings.Fields(m.Key)) < 2 || strings.IndexFunc(m.Key, unicode.IsControl) >= 0) {
			return bad("member %q: key is a public key on one line, as \"ssh-ed25519 AAAA… name@machine\"", name)
		}
	}
	if d, err := time.ParseDuration(s.Meeting.Lead); err != nil || d < 0 || d > 72*time.Hour {
		return bad("meeting.lead is %q; write a duration from 0m to 72h, as \"3h\" or \"90m\"", s.Meeting.Lead)
	}
	if raw := strings.TrimSpace(s.Channel.UTM); raw != "" {
		if strings.ContainsAny(raw, " #?\t\n") || strings.IndexFunc(raw, unicode.IsControl) >= 0 {
			return bad("channel.utm is %q; write parameters as \"utm_source=whatsapp&utm_medium=social\"", raw)
		}
		check := strings.ReplaceAll(raw, "{week}", "2026-W50")
		if strings.ContainsAny(check, "{}") {
			return bad("channel.utm: the only placeholder is {week}")
		}
		if _, err := url.ParseQuery(check); err != nil {
			return bad("channel.utm is not a query string: %v", err)
		}
		for _, pair := range strings.Split(check, "&") {
			if k, _, _ := strings.Cut(pair, "="); k == "" {
				return bad("channel.utm has a parameter without a name")
			}
		}
	}
	return nil
}

// String names a member with their role: "Léa (validator)".
func (m Member) String() string { return fmt.Sprintf("%s (%s)", m.Name, m.Role) }
