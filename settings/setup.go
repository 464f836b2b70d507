package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"
	"unicode"
)

// Setup is what the desk asks on its first run, and again when asked:
// the person at the desk (the validator, and the first member of the
// team), the city and its channel, the domains links may point to, and the
// week's slots.
type Setup struct {
	Name, City, Channel string
	Domains, Slots      []string
}

// Setup is the answers these settings already give.
func (s Settings) Setup() Setup {
	return Setup{
		Name: s.Desk.Name, City: s.Channel.City, Channel: s.Channel.Name,
		Domains: append([]string(nil), s.Channel.AllowedDomains...),
		Slots:   append([]string(nil), s.Week.Slots...),
	}
}

// WithSetup is the settings with the answers of u. The person becomes the
// first member of the team, as admin, when there is no team yet; a team
// whose first member was the person before follows the new name.
func (s Settings) WithSetup(u Setup) Settings {
	before := s.Desk.Name
	s.Desk.Name = u.Name
	s.Channel.City = u.City
	s.Channel.Name = u.Channel
	s.Channel.AllowedDomains = append([]string(nil), u.Domains...)
	s.Week.Slots = append([]string(nil), u.Slots...)
	switch {
	case u.Name == "":
	case len(s.Members) == 0:
		s.Members = []Member{{Name: u.Name, Role: RoleAdmin}}
	case s.Members[0].Name == before && before != u.Name:
		s.Members = append([]Member(nil), s.Members...)
		s.Members[0].Name = u.Name
	}
	return s
}

// ApplySetup writes the answers of u into the settings file at path,
// changing only the lines they concern: every other line, comments
// included, stays as the person wrote it. A missing file is first created
// in the language of w. The result must read back as the settings with
// those answers, or the file is left untouched; it replaces the old one in
// one rename.
func ApplySetup(path string, u Setup, w Words) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Create(path, w, Defaults(w).WithSetup(u))
	}
	if err != nil {
		return fmt.Errorf("read settings %s: %w", path, err)
	}
	before, err := Parse(data)
	if err != nil {
		return err
	}
	want := before.WithSetup(u)
	nl := "\n"
	if strings.Contains(string(data), "\r\n") {
		nl = "\r\n"
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	lines = setKey(lines, "desk", "name", tomlString(u.Name))
	lines = setKey(lines, "channel", "name", tomlString(u.Channel))
	lines = setKey(lines, "channel", "city", tomlString(u.City))
	lines = setKey(lines, "channel", "allowed_domains", tomlValue(u.Domains))
	lines = setKey(lines, "week", "slots", tomlValue(u.Slots))
	switch {
	case reflect.DeepEqual(want.Members, before.Members):
	case len(before.Members) == 0:
		for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
			lines = lines[:len(lines)-1]
		}
		lines = append(lines, "", strings.TrimSuffix(membersText(want.Members), "\n"), "")
	default:
		tables := arrayTables(lines, "member")
		if len(tables) == 0 {
			return problem("%s: the team could not be written in; add it by hand", path)
		}
		t := tables[0]
		for i := t.start + 1; i < t.end; i++ {
			if tomlKey(lines[i]) == "name" {
				lines[i] = "name = " + tomlString(u.Name)
			}
		}
	}
	text := strings.Join(lines, nl)
	after, err := Parse([]byte(text))
	if err != nil {
		return err
	}
	if !sameSettings(after, want) {
		return problem("%s: the answers could not be written in; change the file by hand", path)
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

// setKey sets key in [table]: its line if it has one, else a new line
// after the table's last key, else a new table at the end of the file.
func setKey(lines []string, table, key, value string) []string {
	line := key + " = " + value
	start, end := -1, len(lines)
	for i, l := range lines {
		header := tableHeader(l)
		if header == "" {
			continue
		}
		if start >= 0 {
			end = i
			break
		}
		if header == "["+table+"]" {
			start = i
		}
	}
	if start < 0 {
		for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
			lines = lines[:len(lines)-1]
		}
		return append(lines, "", "["+table+"]", line, "")
	}
	last := start
	for i := start + 1; i < end; i++ {
		switch tomlKey(lines[i]) {
		case key:
			lines[i] = line
			return lines
		case "":
		default:
			last = i
		}
	}
	return append(lines[:last+1], append([]string{line}, lines[last+1:]...)...)
}

// tableHeader is a line's table header without spaces ("[desk]",
// "[[member]]"), or "" for any other line.
func tableHeader(line string) string {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "[") {
		return ""
	}
	t, _, _ = strings.Cut(t, "#")
	return strings.Join(strings.FieldsFunc(t, unicode.IsSpace), "")
}

// arrayTables finds the [[name]] tables of a settings file.
func arrayTables(lines []string, name string) []table {
	var tables []table
	for i, l := range lines {
		header := tableHeader(l)
		if header == "" {
			continue
		}
		if len(tables) > 0 && tables[len(tables)-1].end < 0 {
			tables[len(tables)-1].end = i
		}
		if header == "[["+name+"]]" {
			tables = append(tables, table{start: i, end: -1})
		}
	}
	if len(tables) > 0 && tables[len(tables)-1].end < 0 {
		tables[len(tables)-1].end = len(lines)
	}
	return tables
}

// Category is a kind of post the channel publishes: its name, as posts
// carry it, and what the desk calls it in each language ("fr", "en").
// Without a label a category shows as the catalogue names it (the four
// defaults) or as typed.
type Category struct {
	Name   string            `toml:"name"`
	Labels map[string]string `toml:"labels"`
}

// defaultCategories are the categories of a file that lists none.
var defaultCategories = []string{"practical", "service", "alert", "event"}

// categories are categories of these names, without labels.
func categories(names []string) []Category {
	out := make([]Category, len(names))
	for i, n := range names {
		out[i] = Category{Name: n}
	}
	return out
}

// CategoryNames are the categories' names, in the file's order.
func (s Settings) CategoryNames() []string {
	names := make([]string, len(s.Categories))
	for i, c := range s.Categories {
		names[i] = c.Name
	}
	return names
}

// CategoryLabels are the labels of the categories in one language, by
// name; a category without one is left out.
func (s Settings) CategoryLabels(lang string) map[string]string {
	labels := map[string]string{}
	for _, c := range s.Categories {
		if l := c.Labels[lang]; l != "" {
			labels[c.Name] = l
		}
	}
	return labels
}

// checkCategories refuses a category without a name, one given twice, or
// an empty label.
func (s Settings) checkCategories(bad func(string, ...any) error) error {
	seen := map[string]bool{}
	for i, c := range s.Categories {
		name := strings.TrimSpace(c.Name)
		if name == "" || name != c.Name || strings.IndexFunc(name, unicode.IsControl) >= 0 {
			return bad("category %d needs a name, without spaces around it (e.g. name = \"culture\")", i+1)
		}
		if seen[name] {
			return bad("category %q is listed twice", name)
		}
		seen[name] = true
		for lang, label := range c.Labels {
			if strings.TrimSpace(label) == "" || strings.IndexFunc(label, unicode.IsControl) >= 0 {
				return bad("category %q: its %s label is empty", name, lang)
			}
		}
	}
	return nil
}

// categoriesText writes the categories as [[category]] tables.
func categoriesText(cs []Category) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[[category]]\nname = %s\n", tomlString(c.Name))
		if len(c.Labels) > 0 {
			langs := make([]string, 0, len(c.Labels))
			for lang := range c.Labels {
				langs = append(langs, lang)
			}
			sort.Strings(langs)
			parts := make([]string, len(langs))
			for j, lang := range langs {
				parts[j] = tomlKeyName(lang) + " = " + tomlString(c.Labels[lang])
			}
			fmt.Fprintf(&b, "labels = { %s }\n", strings.Join(parts, ", "))
		}
	}
	return b.String()
}

// tomlKeyName writes a key bare when TOML allows it, else quoted.
func tomlKeyName(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return tomlString(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
