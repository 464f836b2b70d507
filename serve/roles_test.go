package serve

import (
	"strings"
	"testing"
	"time"

	"crieur/store"
)

func TestAWriterCannotValidateAndSeesTheValidatorDoIt(t *testing.T) {
	tm := startTeam(t, []member{lea, camille}, posts(), nil)
	writer := tm.open(tm.client(lea.name), lea.name)
	writer.wait("Collecte décalée")
	validator := tm.open(tm.client(camille.name), camille.name)
	validator.wait("Collecte décalée")
	// Each sees the other on the title line.
	writer.wait("avec Camille Durand")
	validator.wait("avec Léa Martin")

	// The ready post is the last row. The writer's footer offers no
	// validation, and v is refused.
	writer.press("G")
	time.Sleep(100 * time.Millisecond)
	if strings.Contains(footer(writer.text()), "valider") {
		t.Errorf("the writer's footer offers validation:\n%s", writer.text())
	}
	writer.press("v")
	writer.wait("Pas avec votre rôle (rédaction)")

	validator.press("G", "v")
	validator.wait("Valider")
	validator.press("o")
	validator.wait("validé")
	// The writer's open session shows it, without a key pressed.
	screen := writer.wait("validé")
	if !strings.Contains(screen, "Collecte décalée") {
		t.Errorf("the writer's screen:\n%s", screen)
	}
	sums, err := tm.st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.Title() == "Collecte décalée" {
			p, _ := tm.st.Post(s.ID())
			if p.Status != store.StatusValidated || p.Validation == nil || p.Validation.By != camille.name {
				t.Errorf("the post: %s %+v", p.Status, p.Validation)
			}
		}
	}
}

// footer is the screen's last line.
func footer(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestCtrlEDoesNothingInASession(t *testing.T) {
	tm := startTeam(t, []member{lea}, posts(), nil)
	desk := tm.open(tm.client(lea.name), lea.name)
	desk.wait("Marché de Noël")
	desk.press(keyEnter)
	desk.wait("ctrl+s")
	desk.press(keyCtrlE)
	desk.wait("pas d’éditeur externe")
	if strings.Contains(desk.text(), "ctrl+e") {
		t.Errorf("the editor offers ctrl+e:\n%s", desk.text())
	}
}

func TestARemovedMemberIsDisconnectedAndARoleChangeAppliesAtOnce(t *testing.T) {
	tm := startTeam(t, []member{lea, camille}, posts(), nil)
	writer := tm.open(tm.client(lea.name), lea.name)
	writer.wait("Collecte décalée")
	gone := tm.open(tm.client(camille.name), camille.name)
	gone.wait("Collecte décalée")

	// Léa becomes a validator, Camille leaves the team.
	tm.writeSettings([]member{{lea.name, "validator"}}, "")
	writer.wait("Votre rôle est maintenant")
	out := gone.waitEnd()
	if !strings.Contains(out, "ne faites plus partie de l’équipe") {
		t.Errorf("the removed member was not told:\n%q", out[max(len(out)-300, 0):])
	}
	if _, err := tm.dial(tm.keys[camille.name]); err == nil {
		t.Error("the removed member can connect again")
	}
	writer.press("G", "v")
	writer.wait("Valider")
}

func TestAnIdleSessionClosesAndKeepsItsTyping(t *testing.T) {
	tm := startTeam(t, []member{lea}, posts(), func(o *Options) { o.Idle = 1500 * time.Millisecond })
	desk := tm.open(tm.client(lea.name), lea.name)
	openNewest(desk)
	desk.press("\x1b[F", " (à finir)")
	desk.wait("(à finir)")
	out := desk.waitEnd()
	if !strings.Contains(out, "sans frappe") {
		t.Errorf("the member is not told why the session closed:\n%q", out[max(len(out)-300, 0):])
	}
	again := tm.open(tm.client(lea.name), lea.name)
	openNewest(again)
	if screen := again.wait("récupérées"); !strings.Contains(screen, "(à finir)") {
		t.Errorf("the typing is not offered:\n%s", screen)
	}
}

func TestTheSessionsAreLimited(t *testing.T) {
	tm := startTeam(t, []member{lea, camille}, posts(), func(o *Options) { o.MaxSessions = 1 })
	first := tm.open(tm.client(lea.name), lea.name)
	first.wait("Marché de Noël")
	second := tm.open(tm.client(camille.name), camille.name)
	if out := second.waitEnd(); !strings.Contains(out, "complet (au plus 1 à la fois)") {
		t.Errorf("the session over the limit:\n%q", out)
	}
	first.press("q")
	first.waitEnd()
	third := tm.open(tm.client(camille.name), camille.name)
	third.wait("Marché de Noël")
}
