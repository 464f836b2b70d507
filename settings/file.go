package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// Words are what a settings file says to the person who opens it, in one
// language: the template the file is written from, with its comments, and
// the notes the desk's own edits add. The catalogue holds them; the desk
// passes them in.
type Words struct {
	// Template is a text/template over Settings. Besides its fields it
	// may call toml (a value as TOML: a quoted string, an array, a
	// number), slots (the week's slots, as "mardi 09:00" in the template's
	// language) and destinations (the [[destination]] tables).
	Template string
	// Weekdays name the days in slots, Sunday first.
	Weekdays [7]string
	// Manual names the copy-and-paste destination of a new file.
	Manual string
	// WhatsAppNote heads a WhatsApp destination the desk adds;
	// ManualOffNote heads a copy-and-paste one it turns off.
	WhatsAppNote, ManualOffNote string
	// Newsroom names the person at the desk when neither the settings
	// nor the system give a name that is a person's (see PersonOf).
	Newsroom string
}

// Defaults are the settings of a new file in the language of w: the
// defaults, with the copy-and-paste destination named in that language.
func Defaults(w Words) Settings {
	s := Default()
	s.Destinations = []Destination{{Name: w.Manual, Kind: KindManual}}
	return s
}

// ForPerson are the settings of a new file made at this desk: Defaults,
// with the person at the desk named (CurrentPerson), so that the file
// says who validates, and the desk, the meeting and the command line
// agree on it.
func ForPerson(w Words) Settings {
	s := Defaults(w)
	s.Desk.Name = CurrentPerson(w.Newsroom)
	return s
}

// Text is the settings file for s, with the comments of w. It reads back
// as s: anything else is an error, and nothing is written from it.
func Text(w Words, s Settings) ([]byte, error) {
	tmpl, err := template.New("settings").Funcs(template.FuncMap{
		"toml":         tomlValue,
		"destinations": destinationsText,
		"feeds":        feedsText,
		"members":      membersText,
		"categories":   categoriesText,
		"slots": func(slots []string) string {
			out := make([]string, len(slots))
			for i, text := range slots {
				out[i] = text
				if slot, err := ParseSlot(text); err == nil {
					out[i] = fmt.Sprintf("%s %02d:%02d", w.Weekdays[slot.Weekday], slot.Hour, slot.Minute)
				}
			}
			return tomlValue(out)
		},
	}).Option("missingkey=error").Parse(w.Template)
	if err != nil {
		return nil, fmt.Errorf("settings template: %w", err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, s); err != nil {
		return nil, fmt.Errorf("settings template: %w", err)
	}
	back, err := Parse([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("settings template: %w", err)
	}
	if !sameSettings(back, s) {
		return nil, errors.New("settings template: the file would not say what was chosen")
	}
	return []byte(b.String()), nil
}

// sameSettings compares settings as the file holds them: slots by when
// they fall, not by how they are written.
func sameSettings(a, b Settings) bool {
	return reflect.DeepEqual(a.Slots(), b.Slots()) && len(a.Week.Slots) == len(b.Week.Slots) &&
		reflect.DeepEqual(withoutSlots(a), withoutSlots(b))
}

func withoutSlots(s Settings) Settings {
	s.Week.Slots = nil
	if len(s.Channel.AllowedDomains) == 0 {
		s.Channel.AllowedDomains = nil
	}
	if len(s.Feeds) == 0 {
		s.Feeds = nil
	}
	if len(s.Members) == 0 {
		s.Members = nil
	}
	cats := make([]Category, len(s.Categories))
	for i, c := range s.Categories {
		if len(c.Labels) == 0 {
			c.Labels = nil
		}
		cats[i] = c
	}
	s.Categories = cats
	return s
}

// Create writes a new settings file at path for s, with the comments of
// w. It never replaces a file that is there: a person's settings are
// theirs.
func Create(path string, w Words, s Settings) error {
	text, err := Text(w, s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create settings folder: %w", err)
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("create settings %s: %w", path, fs.ErrExist)
	}
	if err := writeFileAtomic(path, text, 0o600); err != nil {
		return fmt.Errorf("create settings %s: %w", path, err)
	}
	return nil
}

// Exists reports whether there is a settings file at path: the desk asks
// its first questions only when there is none.
func Exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// tomlValue writes a string, a list of strings, a number or a boolean as
// TOML.
func tomlValue(v any) string {
	switch v := v.(type) {
	case string:
		return tomlString(v)
	case []string:
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = tomlString(s)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case time.Duration:
		return tomlString(v.String())
	}
	return tomlString(fmt.Sprint(v))
}

// feedsText writes the feeds as [[feed]] tables.
func feedsText(fs []Feed) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[[feed]]\nname = %s\nurl = %s\n", tomlString(f.Name), tomlString(f.URL))
	}
	return b.String()
}

// membersText writes the team as [[member]] tables.
func membersText(ms []Member) string {
	var b strings.Builder
	for i, m := range ms {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[[member]]\nname = %s\nrole = %s\nkey = %s\n", tomlString(m.Name), tomlString(m.Role), tomlString(m.Key))
	}
	return b.String()
}

// destinationsText writes the destinations as [[destination]] tables,
// each with the keys its kind uses.
func destinationsText(ds []Destination) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("[[destination]]\n")
		fmt.Fprintf(&b, "name = %s\nkind = %s\n", tomlString(d.Name), tomlString(d.Kind))
		for _, kv := range [][2]string{
			{"chat_id", d.ChatID}, {"api_base", d.APIBase}, {"url", d.URL},
			{"channel", d.Channel}, {"channel_name", d.ChannelName},
		} {
			if kv[1] != "" {
				fmt.Fprintf(&b, "%s = %s\n", kv[0], tomlString(kv[1]))
			}
		}
	}
	return b.String()
}
