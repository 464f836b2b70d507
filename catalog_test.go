package main

import (
	"testing"

	"crieur/store"
	"crieur/ui/i18n"
)

// The catalogue names statuses, revisions and events by their names as
// plain strings, knowing nothing of the data file: every one the data file
// records, and the desk shows, has its words in both languages.
func TestCatalogueNamesWhatTheStoreRecords(t *testing.T) {
	revs := []string{store.RevSave, store.RevRestore, store.RevRecover, store.RevImport, store.RevStatus,
		store.RevCard, store.RevSend, store.RevPlan}
	events := []string{
		store.EventValidated, store.EventInvalidated, store.EventRevoked, store.EventUrgent, store.EventResolved,
		store.EventEditing, store.EventEdited, store.EventEditFailed, store.EventEditUnknown,
		store.EventDeleting, store.EventDeleted, store.EventDeleteFailed, store.EventDeleteUnknown,
	}
	reasons := []string{store.ReasonEdit, store.ReasonSettings, store.ReasonCard}
	for _, lang := range []string{"fr", "en"} {
		text := i18n.For(lang)
		for _, s := range store.Statuses {
			if text.StatusBadge[string(s)] == "" {
				t.Errorf("%s: no badge for the status %q", lang, s)
			}
		}
		for _, k := range revs {
			if text.RevKinds[k] == "" {
				t.Errorf("%s: no words for the revision kind %q", lang, k)
			}
		}
		for _, k := range events {
			if text.EventKinds[k] == "" {
				t.Errorf("%s: no words for the event %q", lang, k)
			}
		}
		for _, k := range reasons {
			if text.EventReasons[k] == "" {
				t.Errorf("%s: no words for the reason %q", lang, k)
			}
		}
		for _, s := range i18n.Samples(lang, fuzzNow) {
			if !store.Status(s.Status).Valid() {
				t.Errorf("%s: the sample %q has the status %q, which the data file does not know", lang, s.Title, s.Status)
			}
		}
	}
}
