package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"crieur/sender"
	"crieur/store"
)

func TestValidateFromTheBacklog(t *testing.T) {
	m := newTestModel(t, "en", 120, 40, fixture())
	m.who = "Camille"
	// The last row is the ready post "Collecte des déchets décalée".
	m = press(t, m, "G", "v")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "as Camille") {
		t.Fatalf("v should ask, naming the validator: %+v", m.confirm)
	}
	m = press(t, m, "y")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusValidated || p.Validation == nil || p.Validation.By != "Camille" {
		t.Fatalf("after v, y: %s %+v", p.Status, p.Validation)
	}
	if !strings.Contains(screenText(m), "validated by Camille") {
		t.Errorf("the desk should say it:\n%s", screenText(m))
	}
	// The preview shows who validated, and the start of the SHA-256 of
	// the text exactly as it is sent: what the outbox file will hold.
	m = press(t, m, "p")
	sum := sha256.Sum256([]byte(sender.Build(p, m.settings).Text))
	if s := screenText(m); !strings.Contains(s, "Validated by Camille") || !strings.Contains(s, hex.EncodeToString(sum[:])[:fingerprintLen]) {
		t.Errorf("preview of a validated post:\n%s", s)
	}
	m = press(t, m, "esc", "V", "y")
	if p := mustPost(t, m, p.Title); p.Status != store.StatusReady {
		t.Errorf("V, y should revoke: %s", p.Status)
	}
}

func TestErrorsBlockValidation(t *testing.T) {
	posts := []store.Post{{Title: "Sans lien", Body: "Texte", Category: "event", Status: store.StatusReady, Created: testNow}}
	m := newTestModel(t, "en", 100, 30, posts)
	m = press(t, m, "v")
	if m.confirm != nil || !m.isError || !strings.Contains(m.message, "Cannot validate") {
		t.Fatalf("a post without a link must not be validated: %q", m.message)
	}
	if p := mustPost(t, m, "Sans lien"); p.Status != store.StatusReady {
		t.Errorf("status %s", p.Status)
	}
}

func TestWarningsAskBeforeValidating(t *testing.T) {
	posts := []store.Post{{Title: "Ouvert", Body: "*Horaires : 9 h – 18 h", Link: "https://www.valbourg.fr/h", Category: "service", Status: store.StatusDraft, Created: testNow}}
	m := newTestModel(t, "en", 100, 30, posts)
	m = press(t, m, "v")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "1 warning") {
		t.Fatalf("unbalanced markup is a warning to confirm: %+v", m.confirm)
	}
	m = press(t, m, "n")
	if p := mustPost(t, m, "Ouvert"); p.Status != store.StatusDraft {
		t.Errorf("n must leave it as it was: %s", p.Status)
	}
}

func TestEditingAValidatedPostSendsItBackToReady(t *testing.T) {
	m := newTestModel(t, "en", 120, 40, fixture())
	m = press(t, m, "G", "v", "y", "enter")
	// Notes do not change what is sent.
	m = press(t, m, "shift+tab")
	m = typeText(t, m, "Appeler le service.")
	m = press(t, m, "ctrl+s")
	if p := mustPost(t, m, "Collecte des déchets décalée"); p.Status != store.StatusValidated {
		t.Fatalf("editing the notes changed the status to %s", p.Status)
	}
	// The body does.
	m = press(t, m, "shift+tab")
	m = typeText(t, m, "!")
	m = press(t, m, "ctrl+s")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusReady || p.Validation != nil {
		t.Fatalf("after a body edit: %s %+v", p.Status, p.Validation)
	}
	if !strings.Contains(m.message, "back to ready") {
		t.Errorf("the desk should say so: %q", m.message)
	}
	m = press(t, m, "ctrl+r")
	s := screenText(m)
	for _, want := range []string{"validated by", "validation lost: text changed"} {
		if !strings.Contains(s, want) {
			t.Errorf("history lacks %q:\n%s", want, s)
		}
	}
}

func TestPreviewRefusesToValidateUnsavedText(t *testing.T) {
	m := newTestModel(t, "en", 120, 40, fixture())
	m = press(t, m, "G", "enter")
	m = typeText(t, m, " bis")
	m = press(t, m, "ctrl+p", "v")
	if !strings.Contains(m.message, "Save first") || m.confirm != nil {
		t.Fatalf("validating unsaved text: %q", m.message)
	}
}
