package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSettingsCreatedOnFirstRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur", "config.toml")
	s, created, err := LoadSettings(path)
	if err != nil || !created {
		t.Fatalf("first LoadSettings: created %v, %v", created, err)
	}
	if !reflect.DeepEqual(s, DefaultSettings()) {
		t.Errorf("first-run settings = %+v, want the defaults", s)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("settings mode %v, want 0600", perm)
	}
	data, _ := os.ReadFile(path)
	if string(data) != settingsTemplate {
		t.Error("the file written is not the commented template")
	}

	edited := strings.Replace(settingsTemplate, `name = ""`, `name = "Zoé Durand"`, 1)
	if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	s, created, err = LoadSettings(path)
	if err != nil || created || s.Desk.Name != "Zoé Durand" {
		t.Errorf("second LoadSettings: %q created %v, %v", s.Desk.Name, created, err)
	}
	if data, _ := os.ReadFile(path); string(data) != edited {
		t.Error("loading rewrote the settings file")
	}
}

func TestTemplateIsTheDefaults(t *testing.T) {
	s, err := ParseSettings([]byte(settingsTemplate))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, DefaultSettings()) {
		t.Errorf("template parses to\n%+v\nwant\n%+v", s, DefaultSettings())
	}
	if s.Location().String() != "Europe/Paris" {
		t.Errorf("location %v", s.Location())
	}
	// An empty file is all defaults too.
	if s, err := ParseSettings(nil); err != nil || !reflect.DeepEqual(s, DefaultSettings()) {
		t.Errorf("empty settings = %+v, %v", s, err)
	}
}

func TestMalformedSettingsNameTheLine(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"bare word", "[desk]\nname = \"Zoé\"\nlanguage = fr\n", "line 3"},
		{"unclosed table", "# ok\n\n[channel\nname = \"x\"\n", "line 4"},
		{"wrong type", "[channel]\nname = \"x\"\n\nfollowers = \"beaucoup\"\n", "line 4"},
		{"duplicate key", "[preview]\nwidth = 40\nwidth = 42\n", "line 3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, err := LoadSettings(path)
			if !errors.Is(err, ErrSettings) {
				t.Fatalf("error %v, want ErrSettings", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || !strings.Contains(msg, path) || strings.Contains(msg, "\n") {
				t.Errorf("error %q should be one line naming %s and %s", msg, path, tc.want)
			}
			if data, _ := os.ReadFile(path); string(data) != tc.text {
				t.Error("a malformed settings file was rewritten")
			}
		})
	}
}

func TestSettingsRejected(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"unknown key", "[desk]\nnom = \"Zoé\"\n", "desk.nom"},
		{"unknown table", "[phone]\nwidth = 40\n", "phone"},
		{"language", "[desk]\nlanguage = \"de\"\n", "desk.language"},
		{"time zone", "[desk]\ntimezone = \"Europe/Valbourg\"\n", "desk.timezone"},
		{"empty time zone", "[desk]\ntimezone = \"\"\n", "desk.timezone"},
		{"link rule", "[channel]\nlink_rule = \"prepend\"\n", "channel.link_rule"},
		{"followers", "[channel]\nfollowers = -3\n", "channel.followers"},
		{"domain with scheme", "[channel]\nallowed_domains = [\"https://valbourg.fr\"]\n", "allowed_domains"},
		{"empty domain", "[channel]\nallowed_domains = [\"\"]\n", "allowed_domains"},
		{"narrow phone", "[preview]\nwidth = 10\n", "preview.width"},
		{"wide phone", "[preview]\nwidth = 200\n", "preview.width"},
		{"read more", "[preview]\nread_more = 20\n", "preview.read_more"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSettings([]byte(tc.text))
			if !errors.Is(err, ErrSettings) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want ErrSettings about %s", err, tc.want)
			}
		})
	}

	good := "[desk]\nlanguage = \"en\"\ntimezone = \"America/Montreal\"\n[channel]\nallowed_domains = [\"valbourg.fr\", \"magazine.valbourg.fr\"]\nlink_rule = \"none\"\n[preview]\nwidth = 24\n"
	s, err := ParseSettings([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if s.Desk.Language != "en" || s.Channel.LinkRule != "none" || s.Preview.Width != 24 || s.Preview.ReadMore != 700 || len(s.Channel.AllowedDomains) != 2 {
		t.Errorf("parsed %+v", s)
	}
}

func TestUnreadableSettings(t *testing.T) {
	dir := t.TempDir()
	// A folder where the file should be: reading it fails, nothing is created.
	path := filepath.Join(dir, "config.toml")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadSettings(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("settings path is a folder: %v", err)
	}
}
