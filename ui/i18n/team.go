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
	KeyImageNext, KeyImagePrev, KeyImageClear                string
	// What the server says on the one line before it closes a connection,
	// and scp's answers.
	NoTerminal, NoCommand, Full, Idle, Stopped string
	Received, NotImage, TooBig, Quota, BadName string
	NoDownload                                 string
	// The serve command.
	ServeSummary, ServeUsage, Listening, Fingerprint string
	NoMembers, ServeStopped, MustHoldFile            string
	ServeNoArgs, WillNotSend, SettingsKept           string
	// Sizes of pictures and quotas.
	MegaBytes, KiloBytes, Bytes string
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
	MsgAdminOnly:        "Seule l’administration de l’équipe peut faire cela.",
	MsgNoExternal:       "Sur le bureau d’équipe, le texte s’écrit ici : pas d’éditeur externe.",
	MsgFourEyes:         "Quatre yeux : « %s » se valide par quelqu’un d’autre que sa dernière plume (vous).",
	MsgChangedBy:        "%s a modifié « %s ».",
	MsgNewerWhileTyping: "%s a enregistré « %s » pendant que vous écriviez : à l’enregistrement, vous choisirez.",
	ConfirmConflict:     "Changé ailleurs : garder votre texte de « %s » ? Les deux restent dans l’historique. (o)ui · (n)on, reprendre l’autre · (échap) revenir",
	MsgSavedOver:        "Votre texte est enregistré ; l’autre version reste dans l’historique (ctrl+r).",
	MsgTookTheirs:       "L’autre version est reprise ; la vôtre reste dans l’historique (ctrl+r).",
	MsgRoleChanged:      "Votre rôle est maintenant : %s.",
	MsgImagePath:        "Sur le bureau d’équipe, une image vient de votre boîte : envoyez-la par scp, puis choisissez-la (tab sur le champ).",
	ImageInboxHint:      "tab : choisir une image envoyée par scp",
	MsgInboxEmpty:       "Aucune image dans votre boîte : envoyez-en une avec scp -O -P 2222 photo.jpg bureau.example:.",
	MsgImageChosen:      "Image choisie : %s",
	MsgRemoved:          "Vous ne faites plus partie de l’équipe : la session se ferme.",
	NoTerminal:          "crieur : ouvrez le bureau depuis un terminal (ssh -t), ou envoyez une image avec scp -O.",
	NoCommand:           "crieur : ici, rien ne s’exécute ; le bureau s’ouvre avec ssh, les images s’envoient avec scp -O.",
	Full:                "crieur : le bureau d’équipe est complet (au plus %d à la fois) ; réessayez dans un moment.",
	Idle:                "crieur : session fermée après %s sans frappe ; votre texte est gardé et vous sera proposé.",
	Stopped:             "crieur : le bureau d’équipe s’arrête ; votre texte est gardé et vous sera proposé.",
	Received:            "crieur : %s reçue dans votre boîte d’images (%s).",
	NotImage:            "crieur : %s n’est pas une image JPEG ou PNG : refusée.",
	TooBig:              "crieur : %s dépasse %s : refusée.",
	Quota:               "crieur : votre boîte d’images est pleine (%s) : supprimez-en depuis le bureau ou demandez à l’administration.",
	BadName:             "crieur : %s : un nom de fichier seul, sans dossier ni « .. ».",
	NoDownload:          "crieur : rien ne se télécharge du bureau d’équipe ; seules les images s’envoient.",
	KeyImageNext:        "image suivante de votre boîte (bureau d’équipe)",
	KeyImagePrev:        "image précédente",
	KeyImageClear:       "sans image",
	ServeSummary:        "servir le bureau à l’équipe par SSH",
	ServeUsage: `Usage : crieur serve [--listen ADRESSE] [--idle DURÉE] [--sessions N]

Sert le bureau par SSH aux membres de l’équipe que les réglages listent
([[member]], avec leur clé publique) : chacun s’y connecte avec
ssh -p 2222 bureau.example, et y agit selon son rôle (writer, validator,
admin). Ce processus tient le fichier de données, envoie ce qui est dû et
lit les statistiques pour tout le monde ; les commandes (list, export,
import, backup…) passent par lui pendant qu’il tourne.

La clé de l’hôte est créée au premier démarrage, à côté du fichier de
données ; son empreinte s’affiche pour que chacun la vérifie. Chaque
connexion est notée dans team.log, à côté du fichier de données.

  --listen ADRESSE   où écouter (:2222 par défaut)
  --idle DURÉE       ferme une session sans frappe depuis ce temps (30m)
  --sessions N       le nombre de bureaux ouverts à la fois (20)
`,
	Listening:    "Bureau d’équipe à l’écoute sur %s ; les membres s’y connectent avec : ssh -p %s HÔTE",
	Fingerprint:  "Empreinte de la clé de l’hôte (à vérifier à la première connexion) : %s",
	NoMembers:    "Aucun membre n’a encore de clé : ajoutez un [[member]] avec sa clé publique dans %s.",
	ServeStopped: "Bureau d’équipe arrêté.",
	ServeNoArgs:  "serve ne prend pas d’argument (reçu « %s ») : lancez « crieur serve -h » pour l’aide",
	WillNotSend:  "crieur : le bureau d’équipe n’enverra pas : %v",
	SettingsKept: "crieur : les réglages n’ont pas été relus, le bureau d’équipe garde les précédents : %v",
	MegaBytes:    "%d Mo",
	KiloBytes:    "%d ko",
	Bytes:        "%d octets",
	MustHoldFile: "%s est ouvert par un autre crieur ; cette commande doit avoir le fichier à elle seule : fermez-le et réessayez.",
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
	MsgInboxEmpty:       "No picture in your inbox: send one with scp -O -P 2222 photo.jpg desk.example:.",
	MsgImageChosen:      "Picture chosen: %s",
	MsgRemoved:          "You are no longer on the team: the session closes.",
	NoTerminal:          "crieur: open the desk from a terminal (ssh -t), or send a picture with scp -O.",
	NoCommand:           "crieur: nothing runs here; the desk opens with ssh, pictures are sent with scp -O.",
	Full:                "crieur: the team desk is full (at most %d at once); try again in a moment.",
	Idle:                "crieur: session closed after %s without a key; your text is kept and will be offered.",
	Stopped:             "crieur: the team desk is stopping; your text is kept and will be offered.",
	Received:            "crieur: %s received in your picture inbox (%s).",
	NotImage:            "crieur: %s is not a JPEG or PNG picture: refused.",
	TooBig:              "crieur: %s is over %s: refused.",
	Quota:               "crieur: your picture inbox is full (%s): remove some from the desk or ask the admin.",
	BadName:             "crieur: %s: a file name alone, without folders or “..”.",
	NoDownload:          "crieur: nothing is downloaded from the team desk; only pictures are sent.",
	KeyImageNext:        "next picture of your inbox (team desk)",
	KeyImagePrev:        "previous picture",
	KeyImageClear:       "no picture",
	ServeSummary:        "serve the desk to the team over SSH",
	ServeUsage: `Usage: crieur serve [--listen ADDR] [--idle DURATION] [--sessions N]

Serves the desk over SSH to the members of the team the settings list
([[member]], with their public key): each connects with
ssh -p 2222 desk.example and acts with their role (writer, validator,
admin). This process holds the data file, sends what is due and reads the
stats for everybody; the commands (list, export, import, backup...) go
through it while it runs.

The host key is made on first start, beside the data file; its
fingerprint is printed so that everyone can check it. Each connection is
logged in team.log, beside the data file.

  --listen ADDR        where to listen (default :2222)
  --idle DURATION      closes a session without a key for that long (30m)
  --sessions N         how many desks may be open at once (20)
`,
	Listening:    "Team desk listening on %s; members connect with: ssh -p %s HOST",
	Fingerprint:  "Host key fingerprint (to check on the first connection): %s",
	NoMembers:    "No member has a key yet: add a [[member]] with their public key in %s.",
	ServeStopped: "Team desk stopped.",
	ServeNoArgs:  "serve takes no arguments (got “%s”); run 'crieur serve -h' for help",
	WillNotSend:  "crieur: the team desk will not send: %v",
	SettingsKept: "crieur: the settings were not read again, the team desk keeps the previous ones: %v",
	MegaBytes:    "%d MB",
	KiloBytes:    "%d kB",
	Bytes:        "%d bytes",
	MustHoldFile: "%s is open in another crieur; this command must have the file to itself: close it and try again.",
}
