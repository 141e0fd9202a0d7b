# Writes articles.jsonl and gold.json of the fusion cluster set (texts written for this project).
import json
A = []
def art(cluster, id, outlet, published, title, text, host=None):
    host = host or outlet.lower().replace(' ', '') + '.example'
    A.append({"id": id, "url": f"https://www.{host}/{published[:4]}/{id}", "outlet": outlet, "published": published,
              "title": title, "text": text.strip(), "cluster": cluster})

# C1 Mogadishu hotel car bomb, Thu 2024-03-14
art('C1', 'c1-horn-observer', 'Horn Observer', '2024-03-14', 'Car bomb hits hotel in Mogadishu',
 """MOGADISHU — A car packed with explosives blew up at the gate of a hotel near the KM4 junction in Mogadishu on Thursday afternoon, killing at least nine people, police said.
Police spokesman Abdifatah Aden said gunmen tried to storm the building after the blast but were shot dead by guards. Al-Shabaab said it carried out the attack.""")
art('C1', 'c1-east-africa-wire', 'East Africa Wire', '2024-03-15', 'Death toll from Mogadishu hotel bombing rises to 12',
 """The number of people killed in Thursday's suicide car bombing at a hotel in the Somali capital has risen to 12, a government official said on Friday.
Dozens more were wounded when the vehicle rammed the hotel's outer wall. The al Qaeda-linked al Shabaab group claimed responsibility and said it had killed 20 people, a figure officials rejected.""")
art('C1', 'c1-radio-shabelle-en', 'Shabelle Radio', '2024-03-15', 'KM4 blast: survivors describe chaos',
 """Survivors of yesterday's explosion outside a hotel near KM4 in Mogadishu said the blast shattered windows hundreds of metres away.
At least 10 people died in the car bomb attack, according to ambulance service director Abdulkadir Adan, who said 30 others were taken to hospital.""")
art('C1', 'c1-global-desk', 'Global Desk', '2024-03-16', 'Somalia: militants bomb hotel used by officials',
 """Militants from al-Shabaab detonated a car bomb at a hotel frequented by government officials in Mogadishu on March 14, killing 11 people, Somalia's security ministry said in a statement on Saturday.""")

# D1 Mogadishu mortar attack, Sat 2024-03-16
art('D1', 'd1-horn-observer', 'Horn Observer', '2024-03-16', 'Mortars land near presidential compound',
 """Several mortar shells landed near the presidential palace in Mogadishu on Saturday evening, wounding three civilians in a nearby market, witnesses said. No group immediately claimed the shelling.""")
art('D1', 'd1-east-africa-wire', 'East Africa Wire', '2024-03-17', 'Mogadishu: mortar rounds wound three',
 """Mortar rounds fired by suspected al Shabaab militants struck a neighbourhood close to Villa Somalia in Mogadishu late on Saturday, injuring three people, a police officer said on Sunday.""")

# C2 Kharkiv missile strike on apartment block, Wed 2024-05-22
art('C2', 'c2-kyiv-ledger', 'Kyiv Ledger', '2024-05-22', 'Russian missile hits Kharkiv apartment block',
 """A Russian missile struck a nine-storey apartment building in Kharkiv on Wednesday morning, killing five residents and wounding 16, regional governor Oleh Syniehubov said.
Rescuers were still searching the rubble in the evening.""")
art('C2', 'c2-europa-daily', 'Europa Daily', '2024-05-23', 'Kharkiv toll climbs after missile strike',
 """The death toll from Wednesday's Russian missile attack on a residential building in Ukraine's second city Kharkiv rose to seven overnight, Ukrainian officials said on Thursday. Russia's defence ministry said it had hit a military command post in the city.""")
art('C2', 'c2-world-bulletin', 'World Bulletin', '2024-05-22', 'Ukraine: strike on Kharkiv kills at least six',
 """At least six people were killed when Russian forces fired an Iskander missile at a residential block in Kharkiv on 22 May, Ukraine's interior ministry said.""")

# D2 Kharkiv drone attack on power facility, Tue 2024-05-21
art('D2', 'd2-kyiv-ledger', 'Kyiv Ledger', '2024-05-21', 'Drones target Kharkiv power station',
 """Russian drones attacked an energy facility in Kharkiv on Tuesday night, causing power cuts across several districts, the city's mayor Ihor Terekhov said. One worker was injured.""")

# C3 Maiduguri market suicide bombing, Thu 2024-02-08
art('C3', 'c3-sahel-times', 'Sahel Times', '2024-02-08', 'Suicide bomber strikes Maiduguri market',
 """A female suicide bomber blew herself up at a crowded fish market in Maiduguri, the capital of Borno state, on Thursday, killing eight traders, police said. Boko Haram has carried out similar attacks on markets in the city.""")
art('C3', 'c3-lagos-record', 'Lagos Record', '2024-02-09', 'Borno: 11 dead in market blast',
 """Eleven people were killed and 23 injured when a suicide bomber detonated explosives at a market in Maiduguri yesterday, the Borno State Emergency Management Agency said.""")
art('C3', 'c3-africa-now', 'Africa Now', '2024-02-10', 'Nigeria: jihadists blamed for Maiduguri bombing',
 """Nigerian authorities blamed Boko Haram for a suicide bombing at a Maiduguri market on February 8 in which at least nine people died. Members of a civilian militia said the death toll was 14.""")

# D3 Konduga: ISWAP attack on army base, Thu 2024-02-08
art('D3', 'd3-sahel-times', 'Sahel Times', '2024-02-09', 'Troops repel attack on Konduga base',
 """Nigerian troops fought off an attack by Islamic State West Africa Province fighters on a military base in Konduga, Borno state, on Thursday night, the army said. Four soldiers and 15 insurgents were killed in the fighting.""")
art('D3', 'd3-africa-now', 'Africa Now', '2024-02-10', 'ISWAP fighters raid Konduga',
 """Islamic State-allied militants attacked an army position in the town of Konduga late on February 8, sparking a gun battle that lasted two hours, residents said.""")

# C4 Nairobi tax protests, Tue 2024-06-25
art('C4', 'c4-nairobi-star', 'Nairobi Star', '2024-06-25', 'Police tear-gas finance bill protesters',
 """Police fired tear gas and water cannon at thousands of young protesters who marched on parliament in Nairobi on Tuesday to oppose new taxes in the finance bill. Several demonstrators were arrested.""")
art('C4', 'c4-east-africa-wire', 'East Africa Wire', '2024-06-26', 'Kenya: protesters storm parliament',
 """Demonstrators breached the Kenyan parliament in Nairobi yesterday during protests against tax rises, and police opened fire, killing at least five people, rights groups said.""")
art('C4', 'c4-global-desk', 'Global Desk', '2024-06-27', 'Kenya protests: what happened on 25 June',
 """On 25 June, protesters angry about the government's finance bill marched through Nairobi's central business district and forced their way into parliament. Police responded with tear gas and live bullets; the Kenya National Commission on Human Rights said 19 people were killed nationwide.""")

# D4 Nairobi protest a week later, Tue 2024-07-02
art('D4', 'd4-nairobi-star', 'Nairobi Star', '2024-07-02', 'Protesters return to Nairobi streets',
 """Hundreds of protesters returned to the streets of Nairobi on Tuesday, demanding the resignation of President William Ruto. Police fired tear gas to disperse them near the central business district.""")
art('D4', 'd4-world-bulletin', 'World Bulletin', '2024-07-03', 'Kenya: fresh protests in capital',
 """Kenyan police used tear gas against demonstrators in Nairobi on July 2 as a new wave of anti-government protests hit the capital a week after parliament was stormed.""")

# C5 Ariha airstrike on market, Wed 2024-01-17
art('C5', 'c5-levant-monitor', 'Levant Monitor', '2024-01-17', 'Airstrike on Ariha market kills civilians',
 """Warplanes struck a vegetable market in the town of Ariha in Syria's Idlib province on Wednesday, killing seven civilians including two children, rescue workers from the White Helmets said.""")
art('C5', 'c5-mideast-report', 'Mideast Report', '2024-01-18', 'Russian jets blamed for deadly Idlib raid',
 """Russian aircraft carried out a raid on the northwest Syrian town of Ariha yesterday, the Syrian Observatory for Human Rights said, putting the death toll at nine civilians.""")
art('C5', 'c5-world-bulletin', 'World Bulletin', '2024-01-19', 'Syria: Ariha residents bury dead after airstrike',
 """Residents of Ariha in Idlib buried eight people killed in an air strike on a busy market on 17 January, as opposition activists accused Syrian government and Russian forces of targeting civilians.""")

# D5 Jisr al-Shughur airstrike, Wed 2024-01-17
art('D5', 'd5-levant-monitor', 'Levant Monitor', '2024-01-17', 'Strikes also hit Jisr al-Shughur',
 """Separately, an airstrike hit the outskirts of Jisr al-Shughur in western Idlib on Wednesday, wounding four people, the civil defence service said.""")

# C6 Abduction of worshippers in Kajuru, Tue 2024-04-09
art('C6', 'c6-lagos-record', 'Lagos Record', '2024-04-10', 'Gunmen abduct worshippers in Kajuru',
 """Armed bandits kidnapped at least 40 worshippers from a church in Kajuru local government area of Kaduna state on Tuesday, residents said. The gunmen arrived on motorcycles and fired into the air.""")
art('C6', 'c6-sahel-times', 'Sahel Times', '2024-04-10', 'Kaduna: dozens kidnapped during church service',
 """Kaduna state police confirmed that bandits abducted 33 people from a church in Kajuru on April 9, and said tactical teams had been deployed to rescue them.""")
art('C6', 'c6-africa-now', 'Africa Now', '2024-04-12', 'Families of Kajuru captives plead for help',
 """Relatives of more than 50 churchgoers seized by gunmen in Kajuru, Kaduna state, on Tuesday said the kidnappers had demanded a ransom.""")

# C7 Clashes army vs M23 near Sake, Mon 2024-08-12
art('C7', 'c7-great-lakes-news', 'Great Lakes News', '2024-08-12', 'Fighting erupts near Sake',
 """Heavy fighting broke out between the Congolese army and M23 rebels on the outskirts of Sake in North Kivu on Monday, forcing hundreds of families to flee towards Goma, local officials said.""")
art('C7', 'c7-central-africa-post', 'Central Africa Post', '2024-08-13', 'M23 and FARDC clash west of Goma',
 """M23 rebels and troops of the Armed Forces of the Democratic Republic of the Congo fought for several hours near the town of Sake yesterday, a military spokesman said, adding that 12 rebels were killed.""")

# C8 IED on police vehicle in Kandahar, Tue 2024-09-03
art('C8', 'c8-kabul-herald', 'Kabul Herald', '2024-09-03', 'Roadside bomb hits police in Kandahar',
 """A roadside bomb struck a police vehicle in Kandahar city on Tuesday, killing three officers, a Taliban spokesman for the provincial police said. No group claimed the attack.""")
art('C8', 'c8-south-asia-desk', 'South Asia Desk', '2024-09-04', 'Afghanistan: blast kills Kandahar policemen',
 """An improvised explosive device targeted a police patrol in Kandahar on 3 September, killing two policemen and wounding a civilian, Afghan officials said.""")

# C9 Riots in Dhaka, Tue 2024-10-15
art('C9', 'c9-dhaka-courier', 'Dhaka Courier', '2024-10-15', 'Mob torches buses in Dhaka',
 """Rioters set fire to at least six buses and attacked shops in Dhaka's Mirpur area on Tuesday after a road accident killed a garment worker, police said. Twenty people were injured.""")
art('C9', 'c9-south-asia-desk', 'South Asia Desk', '2024-10-16', 'Bangladesh: violence in Mirpur after crash',
 """Angry crowds clashed with police and burned vehicles in Mirpur, Dhaka, yesterday following the death of a factory worker hit by a bus.""")
art('C9', 'c9-world-bulletin', 'World Bulletin', '2024-10-16', 'Dhaka unrest leaves dozens hurt',
 """Violent demonstrations broke out in the Bangladeshi capital Dhaka on October 15, with rioters torching buses; police fired rubber bullets and said 25 people were hurt.""")

# C10 Arrests of opposition supporters in Kampala, Wed 2024-11-06
art('C10', 'c10-kampala-monitor', 'Kampala Monitor', '2024-11-06', 'Police arrest opposition supporters',
 """Ugandan police arrested 36 supporters of the opposition National Unity Platform in Kampala on Wednesday as they gathered at the party headquarters in Makerere Kavule, a party spokesman said.""")
art('C10', 'c10-east-africa-wire', 'East Africa Wire', '2024-11-07', 'Uganda detains dozens of NUP activists',
 """Security forces detained more than 30 National Unity Platform activists in the Ugandan capital Kampala yesterday, accusing them of planning an unlawful assembly.""")

# D10 Peaceful protest in Kampala, Fri 2024-11-08
art('D10', 'd10-kampala-monitor', 'Kampala Monitor', '2024-11-08', 'Students march against fee increase',
 """Hundreds of Makerere University students marched peacefully through Kampala on Friday to protest against a rise in tuition fees.""")

# C11 Airstrikes on Hodeidah port, Tue 2024-04-23
art('C11', 'c11-mideast-report', 'Mideast Report', '2024-04-23', 'US and British jets strike Hodeidah',
 """American and British warplanes struck Houthi targets at the port of Hodeidah in western Yemen on Tuesday, the Houthi-run Al-Masirah television said, reporting two dead.""")
art('C11', 'c11-gulf-monitor', 'Gulf Monitor', '2024-04-24', 'Hodeidah hit by airstrikes',
 """Airstrikes by the US-led coalition hit the Red Sea port city of Hodeidah yesterday, targeting what Washington described as Houthi missile launchers. The rebels said three people were killed.""")
art('C11', 'c11-world-bulletin', 'World Bulletin', '2024-04-25', 'Yemen: Houthis vow revenge after Hodeidah raids',
 """Yemen's Houthi movement vowed to respond after US and UK aircraft bombed sites in Hodeidah on 23 April, in strikes the Pentagon said destroyed drone storage facilities.""")

# C12 RSF shelling of Omdurman, Thu 2024-06-20
art('C12', 'c12-nile-dispatch', 'Nile Dispatch', '2024-06-20', 'RSF shells Omdurman market',
 """Artillery shells fired by the Rapid Support Forces hit a market in Omdurman on Thursday, killing 14 civilians, the Sudanese army said.""")
art('C12', 'c12-africa-now', 'Africa Now', '2024-06-21', 'Sudan: deadly shelling in Omdurman',
 """Shelling blamed on the paramilitary RSF killed at least 10 people at a busy market in Omdurman, Khartoum's twin city, yesterday, medical volunteers said.""")
art('C12', 'c12-global-desk', 'Global Desk', '2024-06-22', 'Civilians killed as Sudan war grinds on',
 """Sudan's army accused the Rapid Support Forces of shelling a crowded market in Omdurman on 20 June, killing 17 civilians. The RSF denied targeting civilians.""")

# D12 Omdurman shelling two days earlier, Tue 2024-06-18
art('D12', 'd12-nile-dispatch', 'Nile Dispatch', '2024-06-18', 'Shells hit residential area of Omdurman',
 """Shells struck homes in the Karari district of Omdurman on Tuesday, killing four people, residents said, blaming the Rapid Support Forces.""")

with open('articles.jsonl', 'w') as f:
    for a in A:
        f.write(json.dumps({k: v for k, v in a.items() if k != 'cluster'}, ensure_ascii=False) + '\n')
json.dump({a['id']: a['cluster'] for a in A}, open('gold.json', 'w'), indent=1)
print(len(A), 'articles,', len(set(a['cluster'] for a in A)), 'clusters')
