package settings

import (
	"os/user"
	"testing"
)

func TestPersonOf(t *testing.T) {
	const newsroom = "La rédaction"
	for _, tt := range []struct {
		name string
		u    *user.User
		want string
	}{
		{"full name", &user.User{Uid: "1000", Username: "cdupont", Name: "Camille Dupont"}, "Camille Dupont"},
		{"full name among other fields", &user.User{Uid: "1000", Username: "cdupont", Name: "Camille  Dupont,Bureau 12,0102030405,"}, "Camille Dupont"},
		{"login without a name", &user.User{Uid: "1000", Username: "cdupont"}, "cdupont"},
		{"Windows login", &user.User{Uid: "S-1-5-21", Username: `MAIRIE\cdupont`}, "cdupont"},
		{"root", &user.User{Uid: "0", Username: "root", Name: "root"}, newsroom},
		{"root with a name", &user.User{Uid: "0", Username: "root", Name: "Camille Dupont"}, "Camille Dupont"},
		{"uid 0 under another login", &user.User{Uid: "0", Username: "operator"}, newsroom},
		{"Administrator", &user.User{Uid: "S-1-5-21-500", Username: `PC\Administrator`, Name: "Administrator"}, newsroom},
		{"empty", &user.User{Uid: "1000"}, newsroom},
		{"no account", nil, newsroom},
	} {
		if got := PersonOf(tt.u, newsroom); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
