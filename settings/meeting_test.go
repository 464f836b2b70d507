package settings

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMeetingSettingsRejected(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"feed without url", "[[feed]]\nname = \"Site\"\n", `feed "Site" needs url`},
		{"feed bad url", "[[feed]]\nname = \"Site\"\nurl = \"valbourg.fr/rss\"\n", `feed "Site" needs url`},
		{"feed without name", "[[feed]]\nurl = \"https://valbourg.fr/rss\"\n", "feed 1 needs a name"},
		{"feed twice", "[[feed]]\nname = \"S\"\nurl = \"https://a.fr/rss\"\n[[feed]]\nname = \"S\"\nurl = \"https://b.fr/rss\"\n", `feed name "S" is given twice`},
		{"feed unknown key", "[[feed]]\nname = \"S\"\nurl = \"https://a.fr/rss\"\nevery = \"2h\"\n", "feed.every"},
		{"member role", "[[member]]\nname = \"Léa\"\nrole = \"chef\"\n", `member "Léa" has role "chef"`},
		{"member without role", "[[member]]\nname = \"Léa\"\n", `member "Léa" has role ""`},
		{"member twice", "[[member]]\nname = \"Léa\"\nrole = \"writer\"\n[[member]]\nname = \"Léa\"\nrole = \"admin\"\n", `member "Léa" is listed twice`},
		{"member language", "[[member]]\nname = \"Léa\"\nrole = \"writer\"\nlanguage = \"de\"\n", `member "Léa" has language "de"`},
		{"member key", "[[member]]\nname = \"Léa\"\nrole = \"writer\"\nkey = \"AAAA\"\n", `member "Léa": key`},
		{"lead", "[meeting]\nlead = \"trois heures\"\n", "meeting.lead"},
		{"negative lead", "[meeting]\nlead = \"-1h\"\n", "meeting.lead"},
		{"utm with spaces", "[channel]\nutm = \"utm_source=whats app\"\n", "channel.utm"},
		{"utm placeholder", "[channel]\nutm = \"utm_campaign={month}\"\n", "placeholder"},
		{"utm without name", "[channel]\nutm = \"=x\"\n", "without a name"},
		{"topic approval", "[validation]\ntopic_approval = \"oui\"\n", "topic_approval"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.text))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want ErrInvalid about %s", err, tc.want)
			}
		})
	}
}

func TestMeetingSettings(t *testing.T) {
	d := Default()
	if !d.Validation.TopicApproval || d.LeadTime() != 3*time.Hour || d.Channel.UTM != "" {
		t.Errorf("defaults: %+v %v %q", d.Validation, d.LeadTime(), d.Channel.UTM)
	}
	if team := d.Team("sam"); !reflect.DeepEqual(team, []Member{{Name: "sam", Role: RoleAdmin}}) {
		t.Errorf("the team of a desk alone: %+v", team)
	}
	s, err := Parse([]byte(`[desk]
name = "Léa Martin"
[channel]
utm = "utm_source=whatsapp&utm_medium=social&utm_campaign={week}&empty={week}"
[meeting]
lead = "90m"
[validation]
topic_approval = false
[[feed]]
name = "Site de la ville"
url = "http://127.0.0.1:8080/actualites.rss"
[[member]]
name = "Léa Martin"
role = "admin"
[[member]]
name = "Camille Durand"
role = "validator"
key = "ssh-ed25519 AAAAC3Nza camille@portable"
`))
	if err != nil {
		t.Fatal(err)
	}
	if s.LeadTime() != 90*time.Minute || s.Validation.TopicApproval || len(s.Feeds) != 1 || len(s.Team("x")) != 2 {
		t.Errorf("parsed %+v", s)
	}
}
