package settings

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFileInEachLanguage writes a new settings file in French and in
// English: each reads back as the defaults of its language, its slots
// written with the language's day names.
func TestFileInEachLanguage(t *testing.T) {
	for name, w := range map[string]Words{"fr": french, "en": english} {
		path := filepath.Join(t.TempDir(), "config.toml")
		s, created, err := Load(path, w)
		if err != nil || !created {
			t.Fatalf("%s: Load: created %v, %v", name, created, err)
		}
		want := ForPerson(w)
		if !reflect.DeepEqual(s, want) || s.Desk.Name == "" {
			t.Errorf("%s: first-run settings %+v, want %+v", name, s, want)
		}
		_, back := readSettings(t, path)
		if !reflect.DeepEqual(back.Slots(), Default().Slots()) || back.Destinations[0].Name != w.Manual {
			t.Errorf("%s: the file reads back as %+v", name, back)
		}
		text, _ := readSettings(t, path)
		if !strings.Contains(text, "slots = [\""+w.Weekdays[2]+" 09:00\"") {
			t.Errorf("%s: slots not in the language's words:\n%s", name, text)
		}
	}
}

// TestCreateWritesTheAnswers writes chosen settings, awkward characters
// included, and never replaces a file that is there.
func TestCreateWritesTheAnswers(t *testing.T) {
	s := Defaults(french)
	s.Desk.Name = `Zoé « Zo » Durand \ "la CM"`
	s.Channel.Name = "Mairie de Saint-Étienne-du-Bois"
	s.Channel.AllowedDomains = []string{"saint-etienne-du-bois.fr", "magazine.saint-etienne-du-bois.fr"}
	s.Week.Slots = []string{"lundi 8:30", "friday 17:00"}
	path := filepath.Join(t.TempDir(), "crieur", "config.toml")
	if err := Create(path, french, s); err != nil {
		t.Fatal(err)
	}
	text, back := readSettings(t, path)
	if back.Desk.Name != s.Desk.Name || back.Channel.Name != s.Channel.Name ||
		!reflect.DeepEqual(back.Channel.AllowedDomains, s.Channel.AllowedDomains) || !reflect.DeepEqual(back.Slots(), s.Slots()) {
		t.Errorf("the file says %+v, want %+v", back, s)
	}
	if !strings.Contains(text, `"lundi 08:30", "vendredi 17:00"`) {
		t.Errorf("slots as written:\n%s", text)
	}
	if err := Create(path, english, Defaults(english)); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over a file: %v", err)
	}
	if again, _ := readSettings(t, path); again != text {
		t.Error("Create replaced a file that was there")
	}
	if !Exists(path) || Exists(path+".missing") {
		t.Error("Exists is wrong")
	}
}

// TestTextRefusesATemplateThatLoses refuses a template that would not
// write down what was chosen.
func TestTextRefusesATemplateThatLoses(t *testing.T) {
	w := english
	w.Template = strings.Replace(w.Template, "name = {{toml .Desk.Name}}", `name = ""`, 1)
	s := Defaults(w)
	s.Desk.Name = "Camille"
	if _, err := Text(w, s); err == nil {
		t.Error("a template that drops the name was accepted")
	}
	w.Template = "{{.Nothing}}"
	if _, err := Text(w, s); err == nil {
		t.Error("a broken template was accepted")
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := Create(path, w, s); err == nil {
		t.Error("Create wrote from a broken template")
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a file was left behind")
	}
}
