package i18n

// TeamText is what the team desk says: in a member's session, and on the
// one line a connection that cannot have the desk is told.
type TeamText struct {
	// The title line: who else is here; a row being edited; the member.
	Others, Editing, You string
	// Roles, by their name in the settings.
	RoleWriter, RoleValidator, RoleAdmin string
	// The session's messages.
	MsgRoleRefused, MsgAdminOnly, MsgNoExternal, MsgFourEyes string
	MsgChangedBy, MsgNewerWhileTyping, ConfirmConflict       string
	MsgSavedOver, MsgTookTheirs, MsgRoleChanged              string
	MsgImagePath, ImageInboxHint, MsgInboxEmpty              string
	MsgImageChosen, MsgRemoved                               string
	// What the server says on the one line before it closes a connection,
	// and scp's answers.
	NoTerminal, NoCommand, Full, Idle, Stopped string
	Received, NotImage, TooBig, Quota, BadName string
	NoDownload                                 string
}

// Role is the name of a role in this language.
func (t TeamText) Role(role string) string {
	switch role {
	case "admin":
		return t.RoleAdmin
	case "validator":
		return t.RoleValidator
	}
	return t.RoleWriter
}

var teamFR = TeamText{
	Others:              "avec %s",
	Editing:             "✎ %s",
	RoleWriter:          "rédaction",
	RoleValidator:       "validation",
	RoleAdmin:           "administration",
	You:                 "%s (%s)",
	MsgRoleRefused:      "Pas avec votre rôle (%s) : demandez à une personne qui valide.",
	MsgAdminOnly:        "Seule l'administration de l'équipe peut faire cela.",
	MsgNoExternal:       "Sur le bureau d'équipe, le texte s'écrit ici : pas d'éditeur externe.",
	MsgFourEyes:         "Quatre yeux : « %s » se valide par quelqu'un d'autre que sa dernière plume (vous).",
	MsgChangedBy:        "%s a modifié « %s ».",
	MsgNewerWhileTyping: "%s a enregistré « %s » pendant que vous écriviez : à l'enregistrement, vous choisirez.",
	ConfirmConflict:     "Changé ailleurs : garder votre texte de « %s » ? Les deux restent dans l'historique. (o)ui · (n)on, reprendre l'autre · (échap) revenir",
	MsgSavedOver:        "Votre texte est enregistré ; l'autre version reste dans l'historique (ctrl+r).",
	MsgTookTheirs:       "L'autre version est reprise ; la vôtre reste dans l'historique (ctrl+r).",
	MsgRoleChanged:      "Votre rôle est maintenant : %s.",
	MsgImagePath:        "Sur le bureau d'équipe, une image vient de votre boîte : envoyez-la par scp, puis choisissez-la (tab sur le champ).",
	ImageInboxHint:      "tab : choisir une image envoyée par scp",
	MsgInboxEmpty:       "Aucune image dans votre boîte : scp -O -P 2222 photo.jpg bureau:",
	MsgImageChosen:      "Image choisie : %s",
	MsgRemoved:          "Vous ne faites plus partie de l'équipe : la session se ferme.",
	NoTerminal:          "crieur : ouvrez le bureau depuis un terminal (ssh -t), ou envoyez une image avec scp -O.",
	NoCommand:           "crieur : ici, rien ne s'exécute ; le bureau s'ouvre avec ssh, les images s'envoient avec scp -O.",
	Full:                "crieur : le bureau d'équipe est complet (%d sessions) ; réessayez dans un moment.",
	Idle:                "crieur : session fermée après %s sans frappe ; votre texte est gardé et vous sera proposé.",
	Stopped:             "crieur : le bureau d'équipe s'arrête ; votre texte est gardé et vous sera proposé.",
	Received:            "crieur : %s reçue dans votre boîte d'images (%s).",
	NotImage:            "crieur : %s n'est pas une image JPEG ou PNG : refusée.",
	TooBig:              "crieur : %s dépasse %s : refusée.",
	Quota:               "crieur : votre boîte d'images est pleine (%s) : supprimez-en depuis le bureau ou demandez à l'administration.",
	BadName:             "crieur : %s : un nom de fichier seul, sans dossier ni « .. ».",
	NoDownload:          "crieur : rien ne se télécharge du bureau d'équipe ; seules les images s'envoient.",
}

var teamEN = TeamText{
	Others:              "with %s",
	Editing:             "✎ %s",
	RoleWriter:          "writer",
	RoleValidator:       "validator",
	RoleAdmin:           "admin",
	You:                 "%s (%s)",
	MsgRoleRefused:      "Not with your role (%s): ask someone who validates.",
	MsgAdminOnly:        "Only the team's admin can do that.",
	MsgNoExternal:       "On the team desk, text is written here: no external editor.",
	MsgFourEyes:         "Four eyes: “%s” is validated by someone other than its last author (you).",
	MsgChangedBy:        "%s changed “%s”.",
	MsgNewerWhileTyping: "%s saved “%s” while you were typing: you will choose when you save.",
	ConfirmConflict:     "Changed elsewhere: keep your text of “%s”? Both stay in the history. (y)es · (n)o, take the other · (esc) back",
	MsgSavedOver:        "Your text is saved; the other version stays in the history (ctrl+r).",
	MsgTookTheirs:       "The other version is back; yours stays in the history (ctrl+r).",
	MsgRoleChanged:      "Your role is now: %s.",
	MsgImagePath:        "On the team desk, a picture comes from your inbox: send it with scp, then choose it (tab on the field).",
	ImageInboxHint:      "tab: choose a picture sent with scp",
	MsgInboxEmpty:       "No picture in your inbox: scp -O -P 2222 photo.jpg desk:",
	MsgImageChosen:      "Picture chosen: %s",
	MsgRemoved:          "You are no longer on the team: the session closes.",
	NoTerminal:          "crieur: open the desk from a terminal (ssh -t), or send a picture with scp -O.",
	NoCommand:           "crieur: nothing runs here; the desk opens with ssh, pictures are sent with scp -O.",
	Full:                "crieur: the team desk is full (%d sessions); try again in a moment.",
	Idle:                "crieur: session closed after %s without a key; your text is kept and will be offered.",
	Stopped:             "crieur: the team desk is stopping; your text is kept and will be offered.",
	Received:            "crieur: %s received in your picture inbox (%s).",
	NotImage:            "crieur: %s is not a JPEG or PNG picture: refused.",
	TooBig:              "crieur: %s is over %s: refused.",
	Quota:               "crieur: your picture inbox is full (%s): remove some from the desk or ask the admin.",
	BadName:             "crieur: %s: a file name alone, without folders or “..”.",
	NoDownload:          "crieur: nothing is downloaded from the team desk; only pictures are sent.",
}
