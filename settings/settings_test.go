package settings

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"crieur/ui/i18n"
)

// english and french are the words of the settings file in each language,
// from the catalogue.
var (
	english = Words(i18n.For("en").Settings)
	french  = Words(i18n.For("fr").Settings)
)

// firstRunFile is the file a first run writes in English.
func firstRunFile(t testing.TB) string {
	t.Helper()
	text, err := Text(english, Defaults(english))
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// newFile is the file Load writes where there was none, in English: the
// template of the defaults, with the person at the desk named.
func newFile(t testing.TB) string {
	t.Helper()
	text, err := Text(english, ForPerson(english))
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

func TestSettingsCreatedOnFirstRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur", "config.toml")
	s, created, err := Load(path, english)
	if err != nil || !created {
		t.Fatalf("first Load: created %v, %v", created, err)
	}
	settingsTemplate := newFile(t)
	if want := ForPerson(english); !reflect.DeepEqual(s, want) || s.Desk.Name == "" || s.Desk.Name == "root" {
		t.Errorf("first-run settings = %+v, want the defaults with the person named", s)
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

	edited := strings.Replace(settingsTemplate, "name = "+tomlString(s.Desk.Name), `name = "Zoé Durand"`, 1)
	if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	s, created, err = Load(path, english)
	if err != nil || created || s.Desk.Name != "Zoé Durand" {
		t.Errorf("second Load: %q created %v, %v", s.Desk.Name, created, err)
	}
	if data, _ := os.ReadFile(path); string(data) != edited {
		t.Error("loading rewrote the settings file")
	}
}

func TestTemplateIsTheDefaults(t *testing.T) {
	s, err := Parse([]byte(firstRunFile(t)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, Default()) {
		t.Errorf("template parses to\n%+v\nwant\n%+v", s, Default())
	}
	if s.Location().String() != "Europe/Paris" {
		t.Errorf("location %v", s.Location())
	}
	// An empty file is all defaults too.
	if s, err := Parse(nil); err != nil || !reflect.DeepEqual(s, Default()) {
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
			_, _, err := Load(path, english)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v, want ErrInvalid", err)
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
		{"unknown kind", "[[destination]]\nname = \"sms\"\nkind = \"sms\"\n", `destination "sms" has kind "sms"`},
		{"whatsapp without channel", "[[destination]]\nname = \"wa\"\nkind = \"whatsapp\"\n", `destination "wa" (whatsapp) needs channel`},
		{"whatsapp bad channel", "[[destination]]\nname = \"wa\"\nkind = \"whatsapp\"\nchannel = \"123@s.whatsapp.net\"\n", `destination "wa" (whatsapp) needs channel`},
		{"channel on telegram", "[[destination]]\nname = \"t\"\nkind = \"telegram\"\nchat_id = \"@v\"\nchannel = \"1@newsletter\"\n", `channel and channel_name are for whatsapp only`},
		{"two whatsapp", "[[destination]]\nname = \"a\"\nkind = \"whatsapp\"\nchannel = \"1@newsletter\"\n[[destination]]\nname = \"b\"\nkind = \"whatsapp\"\nchannel = \"2@newsletter\"\n", `2 whatsapp destinations`},
		{"no kind", "[[destination]]\nname = \"wa\"\n", `destination "wa" needs a kind`},
		{"no name", "[[destination]]\nkind = \"manual\"\n", "destination 1 needs a name"},
		{"duplicate name", "[[destination]]\nname = \"tg\"\nkind = \"manual\"\n[[destination]]\nname = \"tg\"\nkind = \"telegram\"\nchat_id = \"@v\"\n", `destination name "tg" is given twice`},
		{"telegram without chat", "[[destination]]\nname = \"tg\"\nkind = \"telegram\"\n", `destination "tg" (telegram) needs chat_id`},
		{"telegram bad base", "[[destination]]\nname = \"tg\"\nkind = \"telegram\"\nchat_id = \"@v\"\napi_base = \"api.telegram.org\"\n", "api_base must be an https address"},
		{"telegram over plain http", "[[destination]]\nname = \"tg\"\nkind = \"telegram\"\nchat_id = \"@v\"\napi_base = \"http://api.telegram.org\"\n", "api_base must be an https address (the bot's token travels in it)"},
		{"telegram over http to another machine", "[[destination]]\nname = \"tg\"\nkind = \"telegram\"\nchat_id = \"@v\"\napi_base = \"http://10.0.0.2:8081\"\n", "api_base must be an https address"},
		{"webhook without url", "[[destination]]\nname = \"hook\"\nkind = \"webhook\"\n", `destination "hook" (webhook) needs url`},
		{"webhook bad url", "[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"ftp://hooks.example.org/x\"\n", `destination "hook" (webhook) needs url`},
		{"url on telegram", "[[destination]]\nname = \"tg\"\nkind = \"telegram\"\nchat_id = \"@v\"\nurl = \"https://x.org\"\n", "url is for webhook only"},
		{"chat on manual", "[[destination]]\nname = \"m\"\nkind = \"manual\"\nchat_id = \"@v\"\n", "chat_id and api_base are for telegram only"},
		{"no destination", "destination = []\n", "no destination"},
		{"unknown destination key", "[[destination]]\nname = \"m\"\nkind = \"manual\"\ntoken = \"x\"\n", "destination.token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.text))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want ErrInvalid about %s", err, tc.want)
			}
		})
	}

	good := "[desk]\nlanguage = \"en\"\ntimezone = \"America/Montreal\"\n[channel]\nallowed_domains = [\"valbourg.fr\", \"magazine.valbourg.fr\"]\nlink_rule = \"none\"\n[preview]\nwidth = 24\n"
	s, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if s.Desk.Language != "en" || s.Channel.LinkRule != "none" || s.Preview.Width != 24 || s.Preview.ReadMore != 700 || len(s.Channel.AllowedDomains) != 2 {
		t.Errorf("parsed %+v", s)
	}
}

func TestDestinations(t *testing.T) {
	if d := Default().Destinations; len(d) != 1 || d[0] != (Destination{Name: "manual", Kind: KindManual}) {
		t.Errorf("default destinations %+v, want the manual one", d)
	}
	// The template's commented examples, uncommented, are valid.
	var text strings.Builder
	for _, line := range strings.Split(firstRunFile(t), "\n") {
		if rest, ok := strings.CutPrefix(line, "# "); ok && (strings.HasPrefix(rest, "[[") || strings.Contains(rest, " = ")) {
			line = rest
		}
		text.WriteString(line + "\n")
	}
	s, err := Parse([]byte(text.String()))
	if err != nil {
		t.Fatalf("the template's examples: %v", err)
	}
	if got := s.DestinationNames(); !reflect.DeepEqual(got, []string{"manual", "telegram", "automation", "whatsapp"}) {
		t.Fatalf("destinations %v", got)
	}
	if d, ok := s.Destination("telegram"); !ok || d.Kind != KindTelegram || d.ChatID != "@valbourg" {
		t.Errorf("telegram destination %+v %v", d, ok)
	}
	if d, ok := s.Destination("automation"); !ok || d.Kind != KindWebhook || d.URL != "https://hooks.example.org/crieur" {
		t.Errorf("webhook destination %+v %v", d, ok)
	}
	if d, ok := s.Destination("whatsapp"); !ok || d.Kind != KindWhatsApp || d.Channel != "120363000000000000@newsletter" || d.ChannelName != "Ville de Valbourg" {
		t.Errorf("whatsapp destination %+v %v", d, ok)
	}
	if _, ok := s.Destination("pigeon"); ok {
		t.Error("a destination that is not set was found")
	}
	if len(s.Feeds) != 1 || s.Feeds[0].Name != "Site de la ville" || len(s.Members) != 1 || s.Members[0].Role != RoleValidator {
		t.Errorf("the feed and member examples: %+v %+v", s.Feeds, s.Members)
	}

	// A file that lists destinations replaces the default one.
	s, err = Parse([]byte("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"http://127.0.0.1:8080/h\"\n"))
	if err != nil || !reflect.DeepEqual(s.DestinationNames(), []string{"hook"}) {
		t.Errorf("destinations %v, %v", s.DestinationNames(), err)
	}
	// An error about a webhook never quotes its address.
	_, err = Parse([]byte("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"hooks.example.org/s3cr3t\"\n"))
	if err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("error %v should not quote the address", err)
	}
}

func TestUnreadableSettings(t *testing.T) {
	dir := t.TempDir()
	// A folder where the file should be: reading it fails, nothing is created.
	path := filepath.Join(dir, "config.toml")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(path, english); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("settings path is a folder: %v", err)
	}
}

// A secret travels only over https, or in clear to this machine, where
// tests run their servers.
func TestSecretSafe(t *testing.T) {
	for addr, want := range map[string]bool{
		"https://api.telegram.org":     true,
		"https://10.0.0.2:8443":        true,
		"http://127.0.0.1:8081":        true,
		"http://127.9.9.9":             true,
		"http://[::1]:8081":            true,
		"http://localhost:8081":        true,
		"http://api.telegram.org":      false,
		"http://10.0.0.2:8081":         false,
		"http://localhost.example.org": false,
		"http://127.0.0.1.example.org": false,
		"ftp://127.0.0.1":              false,
		"api.telegram.org":             false,
		"":                             false,
	} {
		if got := SecretSafe(addr); got != want {
			t.Errorf("SecretSafe(%q) = %v, want %v", addr, got, want)
		}
	}
}
