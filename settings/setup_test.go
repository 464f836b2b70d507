package settings

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestApplySetupKeepsTheFile writes the answers into a file a person has
// commented and reordered: only the lines of the answers change, and the
// person becomes the first member of the team.
func TestApplySetupKeepsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	original := "# my own notes, kept\n[week]\nslots = [\"monday 08:00\"] # early\n\n[desk]\n# who I am\nname = \"\"\ntimezone = \"Europe/Paris\"\n\n[channel]\nname = \"Ville\"\n"
	if err := os.WriteFile(path, []byte(original), 0o600); err != nil {
		t.Fatal(err)
	}
	u := Setup{Name: "Zoé Durand", City: "Saint-Étienne-du-Bois", Channel: "Mairie de Saint-Étienne",
		Domains: []string{"saint-etienne-du-bois.fr", "mag-seb.fr"}, Slots: []string{"mardi 9:00", "vendredi 17:30"}}
	if err := ApplySetup(path, u, french); err != nil {
		t.Fatal(err)
	}
	text, s := readSettings(t, path)
	for _, kept := range []string{"# my own notes, kept\n", "# who I am\n", "timezone = \"Europe/Paris\"\n"} {
		if !strings.Contains(text, kept) {
			t.Errorf("%q was lost:\n%s", kept, text)
		}
	}
	if got := s.Setup(); !reflect.DeepEqual(got, u) {
		t.Errorf("the file answers %+v, want %+v", got, u)
	}
	if len(s.Members) != 1 || s.Members[0] != (Member{Name: "Zoé Durand", Role: RoleAdmin}) {
		t.Errorf("team %+v", s.Members)
	}
	// Asked again with another name: the first member follows it, and
	// nothing is added.
	u.Name = "Zoé Martin"
	if err := ApplySetup(path, u, french); err != nil {
		t.Fatal(err)
	}
	again, s := readSettings(t, path)
	if len(s.Members) != 1 || s.Members[0].Name != "Zoé Martin" || s.Desk.Name != "Zoé Martin" {
		t.Errorf("after a new name: %+v %q", s.Members, s.Desk.Name)
	}
	if strings.Count(again, "[[member]]") != 1 || strings.Count(again, "\n") != strings.Count(text, "\n") {
		t.Errorf("answering again changed more than the answers:\n%s", again)
	}
}

// TestApplySetupRefusesBadAnswers leaves the file as it was when an
// answer would make it invalid.
func TestApplySetupRefusesBadAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if _, _, err := Load(path, english); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	for _, u := range []Setup{
		{Name: "x", Domains: []string{"https://valbourg.fr/"}, Slots: []string{"tuesday 09:00"}},
		{Name: "x", Domains: []string{"valbourg.fr"}, Slots: []string{"someday 9:00"}},
		{Name: " x", Domains: []string{"valbourg.fr"}, Slots: []string{"tuesday 09:00"}},
	} {
		if err := ApplySetup(path, u, english); err == nil {
			t.Errorf("%+v was accepted", u)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatalf("%+v changed the file", u)
		}
	}
}

// TestCategories reads categories with labels, keeps the defaults for a
// file that lists none, and refuses a category given twice.
func TestCategories(t *testing.T) {
	s, err := Parse([]byte("[[category]]\nname = \"culture\"\nlabels = { fr = \"Culture et loisirs\", en = \"Culture\" }\n\n[[category]]\nname = \"practical\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.CategoryNames(); !reflect.DeepEqual(got, []string{"culture", "practical"}) {
		t.Errorf("names %v", got)
	}
	if got := s.CategoryLabels("fr"); !reflect.DeepEqual(got, map[string]string{"culture": "Culture et loisirs"}) {
		t.Errorf("French labels %v", got)
	}
	if got := Default().CategoryNames(); !reflect.DeepEqual(got, []string{"practical", "service", "alert", "event"}) {
		t.Errorf("default categories %v", got)
	}
	for _, bad := range []string{
		"[[category]]\nname = \"a\"\n[[category]]\nname = \"a\"\n",
		"[[category]]\nname = \"\"\n",
		"[[category]]\nname = \"a\"\nlabels = { fr = \" \" }\n",
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	// Written out and read back, labels and all.
	s.Categories[1].Labels = map[string]string{"fr": "pratique \"à faire\""}
	text, err := Text(english, s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(text)
	if err != nil || !reflect.DeepEqual(back.Categories, s.Categories) {
		t.Errorf("read back %+v, %v", back.Categories, err)
	}
}
