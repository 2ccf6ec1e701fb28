use super::*;

fn figs(text: &str) -> Vec<(&'static str, u64, Option<u64>)> {
    scan(text)
        .into_iter()
        .map(|f| (f.what.as_str(), f.min, f.max))
        .collect()
}

fn units(text: &str) -> Vec<String> {
    scan(text).into_iter().map(|f| f.unit).collect()
}

#[test]
fn vocabulary_is_clean() {
    assert!(vocabulary_errors().is_empty(), "{:?}", vocabulary_errors());
}

#[test]
fn passive_and_active_kills() {
    assert_eq!(
        figs("Officials said 27 soldiers had been killed."),
        vec![("killed", 27, Some(27))]
    );
    assert_eq!(
        figs("The raid killed more than 40 villagers."),
        vec![("killed", 41, None)]
    );
    assert_eq!(
        figs("A car bomb killed twenty-two people on Friday."),
        vec![("killed", 22, Some(22))]
    );
    assert_eq!(
        figs("The shelling left about a hundred fighters dead."),
        vec![("killed", 90, Some(110))]
    );
    assert_eq!(
        figs("The famine caused the deaths of some 12,000 people."),
        vec![("killed", 10_800, Some(13_200))]
    );
    assert_eq!(
        figs("Eleven police officers died in the ambush."),
        vec![("killed", 11, Some(11))]
    );
}

#[test]
fn parts_of_a_figure_are_figures_too() {
    assert_eq!(
        figs("Almost 300 people, among them more than 40 children, have been killed since March."),
        vec![("killed", 270, Some(299)), ("killed", 41, None)]
    );
    assert_eq!(
        figs("The ministry said 18 people had died, including two medics, and more than 70 were injured."),
        vec![("killed", 18, Some(18)), ("killed", 2, Some(2)), ("wounded", 71, None)]
    );
    assert_eq!(
        figs("Twelve villagers, five of them women, were killed and 30 wounded."),
        vec![
            ("killed", 12, Some(12)),
            ("killed", 5, Some(5)),
            ("wounded", 30, Some(30))
        ]
    );
    assert_eq!(
        figs("Nine people died there, among them four soldiers and one police officer."),
        vec![
            ("killed", 9, Some(9)),
            ("killed", 4, Some(4)),
            ("killed", 1, Some(1))
        ]
    );
}

#[test]
fn destroyed_things_and_coordinated_counts() {
    assert_eq!(
        figs("The army said it had destroyed two howitzers as well as one Soviet-made tank and four armoured vehicles."),
        vec![("destroyed", 2, Some(2)), ("destroyed", 1, Some(1)), ("destroyed", 4, Some(4))]
    );
    assert_eq!(
        units("Rebels torched dozens of homes."),
        vec!["houses".to_string()]
    );
    assert_eq!(
        figs("Dozens of houses were burned overnight."),
        vec![("destroyed", 24, Some(99))]
    );
}

#[test]
fn displaced_captured_released_missing() {
    assert_eq!(
        figs("About 4,000 residents had been evacuated from the valley."),
        vec![("displaced", 3600, Some(4400))]
    );
    assert_eq!(
        figs("The clashes forced tens of thousands from their homes."),
        vec![("displaced", 20_000, Some(99_999))]
    );
    assert_eq!(
        figs("Hundreds of thousands have fled the fighting."),
        vec![("displaced", 200_000, Some(999_999))]
    );
    assert_eq!(
        figs("More than 300 soldiers and their relatives surrendered to the rebels."),
        vec![("captured", 301, None)]
    );
    assert_eq!(
        figs("The two sides released 15 prisoners each."),
        vec![("other", 15, Some(15))]
    );
    assert_eq!(
        figs("Six fishermen are still missing."),
        vec![("missing", 6, Some(6))]
    );
    assert_eq!(
        figs("The militia is holding 40 hostages."),
        vec![("captured", 40, Some(40))]
    );
}

#[test]
fn violations_and_projectiles() {
    assert_eq!(
        figs("Monitors recorded 57 ceasefire violations on Sunday."),
        vec![("violations", 57, Some(57))]
    );
    assert_eq!(
        figs("The separatists breached the truce 19 times overnight."),
        vec![("violations", 19, Some(19))]
    );
    assert_eq!(
        figs("Militants fired roughly 300 rockets at the town."),
        vec![("other", 270, Some(330))]
    );
    assert_eq!(
        figs("About 40 of the shells fell in open fields."),
        vec![("other", 36, Some(44))]
    );
    assert_eq!(
        figs("The army counted four violations yesterday, compared with more than a dozen a day last week."),
        vec![("violations", 4, Some(4)), ("violations", 13, None)]
    );
}

#[test]
fn wounded_with_adverbs_and_vague_counts() {
    assert_eq!(
        figs("Several passengers were slightly hurt."),
        vec![("wounded", 3, Some(9))]
    );
    assert_eq!(
        figs("A few guards were reportedly injured."),
        vec![("wounded", 2, Some(5))]
    );
    assert_eq!(
        figs("One farmer from a hamlet near the border, a man in his sixties, was wounded by shrapnel."),
        vec![("wounded", 1, Some(1))]
    );
}

#[test]
fn things_that_are_not_figures() {
    assert!(figs("After 14 hours of talks the ministers agreed on a truce.").is_empty());
    assert!(figs("The town lies 35 kilometres south of the capital.").is_empty());
    assert!(figs("The truce took effect at 6 p.m. on 12 March 2021.").is_empty());
    assert!(figs("Prices fell by 7 percent and the chain opened 45 new stores.").is_empty());
    assert!(figs("Three analysts familiar with the plan said it was killed off.").is_empty());
    assert!(figs("It was one of the deadliest attacks in years.").is_empty());
    assert!(figs("One of the dead was a local journalist.").is_empty());
    assert_eq!(
        figs("One of the soldiers was killed."),
        vec![("killed", 1, Some(1))]
    );
    assert!(figs("The group is thought to have between 3,000 and 5,000 fighters.").is_empty());
    assert!(figs("No soldiers were killed.").is_empty());
    assert!(figs("Rebels shot down a helicopter.").is_empty());
    assert!(figs("The 1994 ceasefire ended a war that began in 1991.").is_empty());
    assert!(
        figs("They demanded that the government free two of its members held in jail.").is_empty()
    );
    assert!(figs("The two sides met on Monday, and the three mediators left.").is_empty());
    assert!(figs("The fund lost hundreds of millions of dollars.").is_empty());
    assert!(figs("Battalion 42 of brigade 7 was attacked.").is_empty());
}

#[test]
fn headlines() {
    assert_eq!(
        deaths("Car bomb kills 9 in northern town"),
        vec![(9, Some(9))]
    );
    assert_eq!(
        deaths("GUNMEN KILL SCORES IN VILLAGE RAID"),
        vec![(20, Some(99))]
    );
    assert_eq!(
        deaths("Three Border Guards Killed In Overnight Clash"),
        vec![(3, Some(3))]
    );
    assert_eq!(deaths("Ambush kills 4, wounds 7"), vec![(4, Some(4))]);
    assert_eq!(
        deaths("Death toll climbs to 31 after market blast"),
        vec![(31, Some(31))]
    );
    assert_eq!(
        deaths("Five more killed as fighting spreads"),
        vec![(5, Some(5))]
    );
    assert_eq!(deaths("15+ dead in mine explosion"), vec![(15, None)]);
    assert_eq!(
        deaths("Troops burn six suspected rebels alive"),
        vec![(6, Some(6))]
    );
    assert_eq!(
        deaths("Court jails officer for murder of 4 Rohingya"),
        vec![(4, Some(4))]
    );
    assert_eq!(
        deaths("Police shoot dead 2 robbers | 2 bodies found"),
        vec![(2, Some(2))]
    );
    assert_eq!(
        deaths("\"at least\" eight Kurds killed, activists say"),
        vec![(8, None)]
    );
    assert_eq!(
        deaths("2 militant suspects in failed bank raid killed in shootout"),
        vec![(2, Some(2))]
    );
    assert_eq!(
        deaths("19 martyrs, including 6 children, in air raid"),
        vec![(19, Some(19)), (6, Some(6))]
    );
    assert!(deaths("UNIT 12 and squad 4 clashed near the bridge").is_empty());
    assert_eq!(
        deaths("Teenager killed as protests enter third day"),
        vec![(1, Some(1))]
    );
    assert_eq!(
        deaths("Nigeria: Local herder shot dead in ambush"),
        vec![(1, Some(1))]
    );
    assert!(deaths("A soldier was killed in the blast.").is_empty());
    assert!(deaths("Soldiers killed in the blast were buried.").is_empty());
    assert!(deaths("Police killed in the blast").is_empty());
}

#[test]
fn sources_from_sentences() {
    let text = "The health ministry said 12 people had been killed. \
                According to the Red Crescent, 40 were wounded.";
    let f = scan(text);
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].claimed_by.as_deref(), Some("health ministry"));
    assert_eq!(f[1].claimed_by.as_deref(), Some("Red Crescent"));
}

#[test]
fn same_figure_same_source_once() {
    let text = "Rebels killed 7 soldiers. Rebels killed 7 soldiers.";
    assert_eq!(figs(text).len(), 1);
    let text = "The clashes killed 35 people. The Thai health ministry said 35 people had died. \
                The ministry said again that 35 people had died.";
    assert_eq!(figs(text).len(), 1);
    let text = "Israel said 12 soldiers were killed. Hamas said 12 soldiers were killed.";
    assert_eq!(figs(text).len(), 2);
}

#[test]
fn tallies_losses_and_lists() {
    assert_eq!(
        figs("Officials put the number of dead at 64."),
        vec![("killed", 64, Some(64))]
    );
    assert_eq!(
        figs("The number of people injured rose to 23."),
        vec![("wounded", 23, Some(23))]
    );
    assert_eq!(
        figs("The battalion lost 14 men and two tanks in the assault."),
        vec![("killed", 14, Some(14)), ("destroyed", 2, Some(2))]
    );
    assert_eq!(
        figs("Eight Ethiopian soldiers were among the dead."),
        vec![("killed", 8, Some(8))]
    );
    assert_eq!(
        figs("Four people, including a child, were killed."),
        vec![("killed", 4, Some(4))]
    );
    assert_eq!(
        units("The fire destroyed 12 of the 15 helicopters at the base."),
        vec!["aircraft".to_string()]
    );
    assert_eq!(
        figs("About 2,000 families were displaced."),
        vec![("displaced", 1800, Some(2200))]
    );
    assert_eq!(
        figs("The exchange saw 90 prisoners of war return home."),
        vec![("other", 90, Some(90))]
    );
}

#[test]
fn breakdowns_and_holdings() {
    assert_eq!(
        figs("The raid killed 14 \u{2013} nine soldiers and five police officers."),
        vec![
            ("killed", 14, Some(14)),
            ("killed", 9, Some(9)),
            ("killed", 5, Some(5))
        ]
    );
    assert_eq!(
        figs("The army holds some 900 Kurds in its jails."),
        vec![("captured", 810, Some(990))]
    );
    assert!(figs("The two sides held two rounds of talks.").is_empty());
}

#[test]
fn exchanges_and_mixed_lists() {
    assert_eq!(
        figs("The militia freed 30 hostages in exchange for 90 prisoners."),
        vec![("other", 30, Some(30)), ("other", 90, Some(90))]
    );
    assert_eq!(
        figs("Two militiamen and a civilian were killed."),
        vec![("killed", 2, Some(2))]
    );
    assert_eq!(
        figs("At least 7 people including an off-duty policeman were killed."),
        vec![("killed", 7, None)]
    );
    assert_eq!(
        figs("About 40 rockets crossed the border overnight."),
        vec![("other", 36, Some(44))]
    );
    assert_eq!(
        figs("Kyiv said it downed 45 of 56 drones launched overnight."),
        vec![("destroyed", 45, Some(45)), ("other", 56, Some(56))]
    );
    assert_eq!(
        figs("The strikes killed 18 people, nine of them children."),
        vec![("killed", 18, Some(18)), ("killed", 9, Some(9))]
    );
}
