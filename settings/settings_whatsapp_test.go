package settings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readSettings(t *testing.T, path string) (string, Settings) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatalf("the settings no longer parse: %v\n%s", err, data)
	}
	return string(data), s
}

func TestSetWhatsAppChannelOnTheTemplate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conf", "settings.toml")
	if err := SetWhatsAppChannel(path, "120363111@newsletter", "Ville de \"Valbourg\"", english); err != nil {
		t.Fatal(err)
	}
	text, s := readSettings(t, path)
	// The manual destination is the same channel by hand: it is turned
	// off, commented, and the rest of the template is kept as it was.
	manual := "[[destination]]\nname = \"manual\"\nkind = \"manual\"\n"
	off := "# Turned off when the WhatsApp channel was chosen: the desk posts there itself.\n# [[destination]]\n# name = \"manual\"\n# kind = \"manual\"\n"
	if !strings.HasPrefix(text, strings.Replace(newFile(t), manual, off, 1)) {
		t.Errorf("the template was not kept as it was, but for the manual destination:\n%s", text)
	}
	ds := s.WhatsAppDestinations()
	if len(ds) != 1 || ds[0].Name != "whatsapp" || ds[0].Channel != "120363111@newsletter" || ds[0].ChannelName != `Ville de "Valbourg"` {
		t.Fatalf("whatsapp destinations %+v", ds)
	}
	if got := s.DestinationNames(); strings.Join(got, ",") != "whatsapp" {
		t.Errorf("destinations %v", got)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("settings file mode %v %v", info.Mode(), err)
	}

	// Chosen again: the same table is updated, nothing added.
	if err := SetWhatsAppChannel(path, "120363222@newsletter", "Valbourg Infos", english); err != nil {
		t.Fatal(err)
	}
	again, s := readSettings(t, path)
	if ds := s.WhatsAppDestinations(); len(ds) != 1 || ds[0].Channel != "120363222@newsletter" || ds[0].ChannelName != "Valbourg Infos" {
		t.Fatalf("after choosing again: %+v", ds)
	}
	if strings.Count(again, "[[destination]]") != strings.Count(text, "[[destination]]") || len(strings.Split(again, "\n")) != len(strings.Split(text, "\n")) {
		t.Errorf("choosing again changed more than the channel lines:\n%s", again)
	}
}

func TestSetWhatsAppChannelKeepsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.toml")
	original := "# My own notes.\r\n[desk]\r\nname = \"Camille\" # me\r\n\r\n" +
		"[[destination]]\r\n# the city's channel\r\nname = \"ville\"\r\nkind = \"whatsapp\"\r\nchannel = \"1@newsletter\" # old\r\n\r\n" +
		"[[destination]]\r\nname = \"hook\"\r\nkind = \"webhook\"\r\nurl = \"https://example.org/h\"\r\n"
	if err := os.WriteFile(path, []byte(original), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := SetWhatsAppChannel(path, "2@newsletter", "Ville", english); err != nil {
		t.Fatal(err)
	}
	text, s := readSettings(t, path)
	want := strings.Replace(original, "channel = \"1@newsletter\" # old\r\n", "channel = \"2@newsletter\"\r\nchannel_name = \"Ville\"\r\n", 1)
	if text != want {
		t.Errorf("file\n%q\nwant\n%q", text, want)
	}
	if d, _ := s.Destination("ville"); d.Channel != "2@newsletter" || d.ChannelName != "Ville" {
		t.Errorf("destination %+v", d)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode changed to %v", info.Mode())
	}
}

func TestSetWhatsAppChannelAppendsWithAFreeName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.toml")
	original := "[[destination]]\nname = \"whatsapp\"\nkind = \"manual\"\n"
	os.WriteFile(path, []byte(original), 0o600)
	if err := SetWhatsAppChannel(path, "3@newsletter", "", english); err != nil {
		t.Fatal(err)
	}
	text, s := readSettings(t, path)
	if !strings.Contains(text, "# name = \"whatsapp\"\n# kind = \"manual\"\n") {
		t.Errorf("the manual destination was not turned off:\n%s", text)
	}
	if d, ok := s.Destination("whatsapp-2"); !ok || d.Kind != KindWhatsApp || d.Channel != "3@newsletter" {
		t.Errorf("new destination %+v %v in\n%s", d, ok, text)
	}
}

func TestSetWhatsAppChannelRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[desk\nname = 1\n"), 0o600)
	if err := SetWhatsAppChannel(bad, "1@newsletter", "x", english); !errors.Is(err, ErrInvalid) {
		t.Errorf("malformed file: %v", err)
	}
	if data, _ := os.ReadFile(bad); string(data) != "[desk\nname = 1\n" {
		t.Errorf("a malformed file was changed: %q", data)
	}
	good := filepath.Join(dir, "good.toml")
	for _, jid := range []string{"", "1@s.whatsapp.net", "abc@newsletter", "@newsletter"} {
		if err := SetWhatsAppChannel(good, jid, "x", english); !errors.Is(err, ErrInvalid) {
			t.Errorf("channel %q: %v", jid, err)
		}
	}
	if _, err := os.Stat(good); err == nil {
		t.Error("a refused channel created the file")
	}
	inline := filepath.Join(dir, "inline.toml")
	os.WriteFile(inline, []byte("destination = [{name = \"w\", kind = \"whatsapp\", channel = \"1@newsletter\"}]\n"), 0o600)
	if err := SetWhatsAppChannel(inline, "2@newsletter", "x", english); !errors.Is(err, ErrInvalid) {
		t.Errorf("inline destinations: %v", err)
	}
}
