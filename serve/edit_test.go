package serve

import (
	"strings"
	"testing"
)

// openPost opens the post on the first row (the newest: "Marché de Noël")
// in a member's editor.
func openNewest(desk *term) {
	desk.t.Helper()
	desk.wait("Marché de Noël")
	desk.press(keyEnter)
	desk.wait("ctrl+s")
}

func TestTwoMembersEditingOnePostLoseNothing(t *testing.T) {
	tm := startTeam(t, []member{lea, camille}, posts(), nil)
	a := tm.open(tm.client(lea.name), lea.name)
	b := tm.open(tm.client(camille.name), camille.name)
	openNewest(a)
	openNewest(b)
	// Each sees that the other edits it, in the backlog behind.
	a.press("\x1b[F") // end: the cursor at the end of the title
	b.press("\x1b[F")
	a.press(" place de la Mairie")
	b.press(" dès le 5")
	a.press(keyCtrlS)
	a.wait("Enregistré")
	b.wait("Léa Martin a enregistré")
	b.press(keyCtrlS)
	b.wait("Changé ailleurs")
	b.press("o")
	b.wait("reste dans l")

	sums, _ := tm.st.Summaries()
	var id string
	for _, s := range sums {
		if strings.HasPrefix(s.Title(), "Marché de Noël") {
			id = s.ID()
		}
	}
	revs, err := tm.st.Revisions(id)
	if err != nil {
		t.Fatal(err)
	}
	var hers, his bool
	for _, r := range revs {
		hers = hers || strings.Contains(r.Post.Title, "place de la Mairie")
		his = his || strings.Contains(r.Post.Title, "dès le 5")
	}
	cur, _ := tm.st.Post(id)
	if !hers || !his || !strings.Contains(cur.Title, "dès le 5") || cur.EditedBy != camille.name {
		t.Errorf("Léa's text kept %v, Camille's %v; now %q by %q", hers, his, cur.Title, cur.EditedBy)
	}
}

func TestTheBacklogShowsWhoEditsAPost(t *testing.T) {
	tm := startTeam(t, []member{lea, camille}, posts(), nil)
	a := tm.open(tm.client(lea.name), lea.name)
	b := tm.open(tm.client(camille.name), camille.name)
	b.wait("Marché de Noël")
	openNewest(a)
	b.wait("✎ Léa Martin")
	a.press(keyEsc)
	b.waitGone("✎ Léa Martin")
}

func TestADroppedSessionsTypingIsOfferedOnReconnect(t *testing.T) {
	tm := startTeam(t, []member{lea}, posts(), nil)
	c := tm.client(lea.name)
	desk := tm.open(c, lea.name)
	openNewest(desk)
	desk.press("\x1b[F", " (brouillon du train)")
	desk.wait("(brouillon du train)")
	// The train enters a tunnel: the connection drops, no goodbye.
	c.Close()
	desk.waitEnd()

	again := tm.open(tm.client(lea.name), lea.name)
	openNewest(again)
	screen := again.wait("récupérées")
	if !strings.Contains(screen, "(brouillon du") {
		t.Errorf("the typing is not offered:\n%s", screen)
	}
}
