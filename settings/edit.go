package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// SetWhatsAppChannel writes the chosen channel into the settings file at
// path, changing as little as it can: the channel and channel_name lines
// of its whatsapp destination, or, when there is none, a new
// [[destination]] table at the end. Every other line, comments included,
// stays as the person wrote it. A missing file is first created from the
// commented template. The new text must read back as valid settings with
// that channel, or the file is left untouched; it replaces the old one in
// one rename, so a crash leaves one or the other. The comments it adds
// are those of w.
func SetWhatsAppChannel(path, jid, name string, w Words) error {
	if !NewsletterJID(jid) {
		return problem("%q is not a WhatsApp Channel id (\"120363...@newsletter\")", jid)
	}
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, _, err = Load(path, w); err != nil {
			return err
		}
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return fmt.Errorf("read settings %s: %w", path, err)
	}
	before, err := Parse(data)
	if err != nil {
		return fmt.Errorf("settings %s: %w; fix it before choosing the channel", path, err)
	}
	text, err := withWhatsAppChannel(string(data), before, jid, name, w.WhatsAppNote)
	if err != nil {
		return fmt.Errorf("settings %s: %w", path, err)
	}
	mid, err := Parse([]byte(text))
	if err != nil {
		return fmt.Errorf("settings %s: the channel could not be written in: %w", path, err)
	}
	text = withoutManual(text, mid, w.ManualOffNote)
	after, err := Parse([]byte(text))
	if err != nil {
		return fmt.Errorf("settings %s: the channel could not be written in: %w", path, err)
	}
	if ds := after.WhatsAppDestinations(); len(ds) != 1 || ds[0].Channel != jid || ds[0].ChannelName != name {
		return problem("%s: the channel could not be written in; add it by hand", path)
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
func withWhatsAppChannel(text string, s Settings, jid, name, note string) (string, error) {
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
		return "", problem("the destinations are not written as [[destination]] tables; set channel = %s by hand", tomlString(jid))
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
			"# "+note,
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
func withoutManual(text string, s Settings, note string) string {
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
		lines = append(lines[:t.start], append([]string{"# " + note}, lines[t.start:]...)...)
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

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it into place.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
