package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Group sessions: Dana's weekly "Coping skills" group at the wellness
// center for her North Carolina participants, signed for the last three
// weeks (one member absent each time, so absentees visibly get no note),
// and this week's session started but not signed, to try journey 2.
// Members' notes link to the first goal of the plan in force when there
// is one.

const groupDescription = "We practised three grounding skills (5-4-3-2-1 senses, box breathing, naming one thing in reach) and each member said which one to try this week."

func (l *loader) loadGroups(ctx context.Context) error {
	saved := l.db.Now
	defer func() { l.db.Now = saved }()
	dana := goldthread.Actor{UserID: l.staff["dana"], AgencyID: l.sys.AgencyID, Roles: []goldthread.Role{goldthread.RolePeer}}
	var members []string
	for _, p := range people {
		if p.peer == "dana" && p.state == "NC" && !p.discharged && p.since > 30 && len(members) < 7 {
			members = append(members, p.key)
		}
	}
	for week, days := range []int{21, 14, 7, 0} {
		day := l.daysAgo(days)
		// 8:00 to 9:15, before Dana's visits (from 10:00): one peer gives one
		// service at a time. This morning's is over by 9:15, signable today.
		start := l.clock(day, 8, 0)
		l.db.Now = func() time.Time { return start.Add(2 * time.Hour) }
		in := store.GroupSessionInput{ProgramID: l.programs["NC"], Topic: "Coping skills", ServiceDate: day, Start: start,
			End: start.Add(75 * time.Minute), Location: "community", Modality: "in_person", Category: "skills_building_recovery_group",
			CoFacilitators: "peer intern", SharedDescription: groupDescription,
			NextSteps: "Practise the chosen skill once a day; bring one example to next week's group."}
		g, err := l.db.CreateGroupSession(ctx, dana, in)
		if err != nil {
			return fmt.Errorf("groups: %w", err)
		}
		for i, key := range members {
			a := goldthread.GroupAttendee{ParticipantID: l.people[key], Present: i != week%len(members),
				Response: groupResponses[(i+week)%len(groupResponses)] + " " + groupDetails[(i+2*week)%len(groupDetails)] + " " + groupWeeks[week%len(groupWeeks)]}
			if plan, err := l.db.PlanInForce(ctx, dana, a.ParticipantID, l.programs["NC"], day); err == nil && len(plan.Goals) > 0 &&
				len(plan.Goals[0].Interventions) > 0 {
				a.Goals = []goldthread.NoteGoal{{GoalID: plan.Goals[0].ID, InterventionID: plan.Goals[0].Interventions[0].ID}}
			}
			if _, err := l.db.SetAttendee(ctx, dana, g.ID, a); err != nil {
				return fmt.Errorf("groups: %w", err)
			}
		}
		if days == 0 {
			continue
		}
		if _, err := l.db.SignGroupSession(ctx, dana, g.ID, store.SignNoteInput{Password: Password,
			Attestation: "I facilitated this group as documented and each note is true and complete."}); err != nil {
			return fmt.Errorf("groups: sign %s: %w", day, err)
		}
	}
	return nil
}

// groupDetails add what each member said of their own week, so members'
// notes differ beyond the skill they chose (the same words week after week
// would rightly be flagged as copied).
var groupDetails = []string{
	"Mentioned sleeping better since the weekend.",
	"Asked the group how to keep going on busy days.",
	"Talked about a tense visit with family on Sunday.",
	"Said work has been quieter and easier this week.",
	"Brought a list of three times the skill helped.",
	"Said the clinic wait felt shorter with the skill.",
	"Offered to show a newer member the exercise.",
}

// groupWeeks is what each week's group talked about besides the skill.
var groupWeeks = []string{
	"The group's talk turned to getting through the holidays.", "Joined the talk about sleep and screens.",
	"Took part in the talk about asking for help at work.", "Listened to the talk about money worries and nodded along.",
	"Spoke up in the talk about cold weather and staying in.", "Added to the talk about friendships that ended.",
	"Joined the talk about waiting rooms and appointments.", "Took part in the talk about pets and routines.",
	"Was part of the talk about music that helps.", "Shared in the talk about first jobs.",
	"Joined the talk about cooking on a budget.", "Listened in the talk about moving house.",
	"Took part in the talk about phones and boundaries.",
}

var groupResponses = []string{
	`Said "Box breathing is the one I can do on the bus."`,
	"Chose the senses exercise and practised it twice in the group.",
	`Said "Naming something I can touch brings me back."`,
	"Shared that last week's skill helped before a hard phone call.",
	"Listened at first, then tried box breathing with the group.",
}
