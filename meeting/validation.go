package meeting

import (
	"fmt"
	"strings"
	"time"

	"crieur/store"
	"crieur/ui/i18n"
)

// Approval is the validation record of a post whose topic a meeting
// approved, as the desk and the minutes say it: "topic approved at the
// meeting of Tuesday 8 December (Léa, Camille, Sam); text validated by
// Léa". It is "" for a validation without the meeting's approval.
func Approval(t *i18n.Text, v *store.Validation, loc *time.Location) string {
	if v == nil || !v.Topic.Approved() {
		return ""
	}
	who := cell(strings.Join(v.Topic.Attendees, ", "))
	return fmt.Sprintf(t.Meet.TopicApproved, t.LongDate(v.Topic.Meeting.In(loc)), who, cell(v.By))
}
