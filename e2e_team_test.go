package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// The team desk as a team walks it, through the real program: a writer and
// a validator, each in their own 80x24 terminal over SSH, in French.
func TestEndToEndTeamDesk(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	keys := map[string]gossh.Signer{}
	var team strings.Builder
	for _, m := range []struct{ name, role string }{{"Léa Martin", "writer"}, {"Camille Durand", "validator"}} {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		signer, err := gossh.NewSignerFromKey(priv)
		if err != nil {
			t.Fatal(err)
		}
		keys[m.name] = signer
		key := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
		fmt.Fprintf(&team, "[[member]]\nname = %q\nrole = %q\nkey = %q\n\n", m.name, m.role, key)
	}
	d.destinations("[desk]\nlanguage = \"fr\"\n\n" + team.String())
	d.ok(`{"title":"Piscine fermée","body":"La piscine ferme du 1er au 14 décembre.","link":"https://www.valbourg.fr/piscine","category":"service","status":"draft"}`+"\n", "import", "-")

	td := d.serve(t)
	addr := listening.FindString(td.listening)
	none := &killer{}
	lea := dialSession(t, addr, keys["Léa Martin"], "fr_FR.UTF-8", none)
	defer lea.close()
	camille := dialSession(t, addr, keys["Camille Durand"], "fr_FR.UTF-8", none)
	defer camille.close()
	for _, s := range []*memberSession{lea, camille} {
		if !s.see(t, none, "Piscine fermée") {
			t.Fatal("no desk")
		}
	}
	// Each sees the other on the title line.
	lea.see(t, none, "avec Camille Durand")
	camille.see(t, none, "avec Léa Martin")

	// The writer asks for validation: the post is ready, in both desks.
	lea.press(">")
	lea.see(t, none, "prêt")
	camille.see(t, none, "prêt")
	// She may not validate it herself: the key is refused, with why.
	lea.press("v")
	lea.see(t, none, "Pas avec votre rôle (rédaction)")

	// The validator validates it; the writer's desk shows it at once.
	camille.press("v")
	camille.see(t, none, "Valider")
	camille.press("o")
	camille.see(t, none, "validé")
	lea.see(t, none, "validé")

	// The command line reads the file the team desk holds.
	if list := d.ok("", "list", "--status", "validated"); !strings.Contains(list, "Piscine fermée") {
		t.Errorf("crieur list while the team desk runs:\n%s", list)
	}
}

// A command run while the desk is open goes through the desk, and the
// desk shows at once what it changed.
func TestEndToEndCommandsThroughAnOpenDesk(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	term := openDesk(t, d)
	term.waitScreen(backlogHint, screenTimeout)
	out := d.ok(`{"title":"Fermeture de la mairie annexe","body":"Lundi 8.","status":"idea"}`+"\n", "import", "-")
	if !strings.Contains(out, "1") {
		t.Errorf("import through the desk: %q", out)
	}
	term.waitScreen("Fermeture de la mairie annexe", screenTimeout)
	if list := d.ok("", "list"); !strings.Contains(list, "Fermeture de la mairie annexe") {
		t.Errorf("list through the desk:\n%s", list)
	}
	// A second desk needs the file to itself: one line, at once.
	r := d.run("", "--offline")
	if r.code == 0 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, "is open in another crieur") {
		t.Errorf("a second desk: %d %q", r.code, r.stderr)
	}
	term.press("q")
	term.waitExit(exitTimeout)
}
