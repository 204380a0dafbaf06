#!/usr/bin/env python3
"""Writes the synthetic-data frequency tables in this folder (run once; the CSVs are committed).

Surname weights: the 2010 US Census counts for the top 20 (rounded), then a piecewise power law
fitted to the census curve (rank 100 ~ 265k, rank 1000 ~ 24k people). Given-name weights: a
Zipf-like law by rank within sex. These are frequencies of the listed names only; the generator
adds a long tail of rare surnames on top (see core/src/synth/README.md).
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))

SURNAMES = """Smith Johnson Williams Brown Jones García Miller Davis Rodríguez Martínez Hernández López González Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Pérez Thompson White Harris Sánchez Clark Ramírez Lewis Robinson Walker
Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter
Roberts Gómez Phillips Evans Turner Díaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers
Gutiérrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chávez Wood
James Bennett Gray Mendoza Ruiz Hughes Price Álvarez Castillo Sanders Patel Myers Long Ross Foster Jiménez Powell
Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vásquez Simmons Romero Jordan
Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran
Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernández McDonald Woods Washington Kennedy Wells
Vargas Henry Chen Freeman Webb Tucker Guzmán Burns Crawford Olson Simpson Porter Hunter Gordon Méndez Silva Shaw Snyder
Mason Dixon Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice
Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold
Pierce Vázquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley
Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Peña Richards Contreras Willis Carpenter Lawrence
Sandoval Guerrero George Chapman Ríos Estrada Ortega Watkins Greene Núñez Wheeler Valdez Harper Burke Larson Santiago
Maldonado Morrison Franklin Carlson Austin Domínguez Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery
Oliver Jensen Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett Burton Fuller
Wang Weber Welch Rojas Lucas Márquez Fields Park Yang Little Banks Padilla Day Walsh Bowman Schultz Luna Fowler Mejía
Davidson Acosta Brewer May Holland Juárez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro
Figueroa Keller Ávila Wade Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd
Craig Ayala Lowe Frazier Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings
Watts Durán Walters Cohen McDaniel Moran Parks Steele Vaughn Becker Holt DeLeon Barker Terry Hale León Benson Haynes
Horton Miles Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher Page
McCarthy Love Robles Cervantes Solís Erickson Reeves Chang Klein Salinas Fuentes Baldwin Daniel Simon Velásquez Hardy
Higgins Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa Dennis Robbins Liu Ramsey Francis Griffith Paul Blair
O'Connor Cárdenas Pacheco Cross Calderón Quinn Moss Swanson Chan Rivas Khan Rodgers Serrano Fitzgerald Rosales
Stevenson Christensen Manning Gill Curry McLaughlin Harmon McGee Gross Doyle Garner Newton Burgess Reese Walton Blake
Trujillo Adkins Brady Goodman Román Webster Goodwin Fischer Huang Potter DeLaCruz Montoya Todd Wu Hines Mullins
Castañeda Malone Cannon Tate Mack Sherman Hubbard Hodges Zhang Guerra Wolf Valencia Saunders Franco Rowe Gallagher
Farmer Hammond Hampton Townsend Ingram Wise Gallegos Clarke Barton Schroeder Maxwell Waters Logan Camacho Strickland
Norman Person Colón Parsons Frank Harrington Glover Osborne Buchanan Casey Floyd Patton Ibarra Ball Tyler Suárez Bowers
Orozco Salas Cobb Gibbs Andrade Bauer Conner Moody Escobar McGuire Lloyd Mueller Hartman French Kramer McBride Pope
Lindsey Velázquez Norton McCormick Sparks Flynn Yates Hogan Marsh Macías Villanueva Zamora Pratt Stokes Owen Ballard
Lang Brock Villarreal Charles Drake Barrera Cain Patrick Pineda Burnett Mercado Santana Shepherd Bautista Ali Shaffer
Lamb Treviño McKenzie Hess Olsen Cochran Morton Nash Wilkins Petersen Briggs Shah Roth Nicholson Holloway Lozano
Rangel Flowers Hoover Short Arias Mora Valenzuela Bryan Meyers Weiss Underwood Bass Greer Summers Houston Carson Morrow
Clayton Whitaker Decker Yoder Collier Zúñiga Carey Wilcox Meléndez Poole Roberson Larsen Conley Davenport Copeland
Massey Lam Huff Rocha Cameron Jefferson Hood Monroe Anthony Pittman Huynh Randall Singleton Kirk Combs Mathis
Christian Skinner Bradford Richard Galván Wall Boone Kirby Wilkinson Bridges Bruce Atkinson Vélez Meza Roy Vincent
York Hodge Villa Abbott Allison Tapia Gates Chase Sosa Sweeney Farrell Wyatt Dalton Horn Barrón Phelps Yu Dickerson
Heath Foley Atkins Mathews Bonilla Acevedo Benítez Zavala Hensley Glenn Cisneros Harrell Shields Rubio Huffman Choi
Boyer Garrison Arroyo Bond Kane Hancock Callahan Dillon Cline Wiggins Grimes Arellano Melton O'Neill Savage Ho Beltrán
Pitts Parrish Ponce Rich Booth Koch Golden Ware Brennan McDowell Marks Cantú Humphrey Baxter Sawyer Clay Tanner
Hutchinson Kaur Berg Wiley Gilmore Russo Villegas Hobbs Keith Wilkerson Ahmed Beard McClain Montes Mata Rosario Vang
Walter Henson O'Neal Mosley McClure Beasley Stephenson Snow Huerta Preston Vance Barry Johns Eaton Blackwell Dyer
Prince MacDonald Solomon Guevara Stafford English Hurst Woodard Cortés Shannon Kemp Nolan McCullough Merritt Murillo
Moon Salgado Strong Kline Córdova Barajas Roach Rosas Winters Jacobson Lester Knox Bullock Kerr Leach Meadows Orr
Dávila Whitehead Pruitt Kent Conway McKee Barr David DeJesús Marín Berger McIntyre Blankenship Gaines Palacios Cuevas
Bartlett Durham Dorsey McCall O'Donnell Stein Browning Stout Lowery Sloan McLean Hendricks Calhoun Sexton Chung Gentry
Hull Duarte Ellison Nielsen Gillespie Buck Middleton Sellers LeBlanc Esparza Hardin Bradshaw McIntosh Howe Livingston
Frost Glass Morse Knapp Herman Stark Bravo Noble Spears Weeks Corona Frederick Buckley McFarland Hebert Enríquez
Hickman Quintero Randolph Schaefer Walls Trejo House Reilly Pennington Michael Conrad Giles Benjamin Crosby Fitzpatrick
Donovan Mays Mahoney Valentine Raymond Medrano Hahn McMillan Small Bentley Félix Peck Lucero Boyle Hanna Pace Rush
Hurley Harding McConnell Bernal Nava Ayers Everett Ventura Avery Pugh Mayer Bender Shepard McMahon Landry Case Sampson
Moses Magaña Blackburn Dunlap Gould Duffy Vaughan Herring McKay Espinosa Rivers Farley Bernard Ashley Friedman Potts
Truong Costa Correa Blevins Nixon Clements Fry DeLaRosa Best Benton Lugo Portillo Dougherty Crane Haley Phan
Villalobos Blanchard Horne Finley Quintana Lynn Esquivel Bean Dodson Mullen Xiong Hayden Cano Levy Huber Richmond
Moyer Lim Frye Sheppard McCarty Ávalos Booker Waller Parra Woodward Jaramillo Krueger Rasmussen Brandt Peralta
Donaldson Stuart Faulkner Maynard Galindo Coffey Estes Sanford Burch Maddox Vo O'Connell Vu Andersen Spence McPherson
Church Schmitt Stanton Leal Cherry Compton Dudley Sierra Pollard Alfaro Hester Proctor Lu Hinton Novak Good Madden
McCann Terrell Jarvis Dickson Reyna Cantrell Mayo Branch Hendrix Rollins Rowland Whitney Duke Odom Daugherty Travis
Tang Archer Kowalski Nowak Wojcik Kaminski Lewandowski Zielinski Szymanski Kozlowski Jankowski Mazur Krawczyk
Schneider Hoffmann Schaefer Koenig Fuchs Vogel Friedrich Keller Brandon Sutherland Whitfield Holcomb Pickett Sykes
Rutledge Stroud Tillman Mercer Gamble Cannady Ratliff Tackett Hatfield McCoy Caudill Sizemore Collins Slone Combs
Napier Begley Baker Eldridge Honeycutt Pendleton Stallings Tolbert Crump Goins Bledsoe Yancey Overton Whitley
Dunaway Hollis Fortenberry Ladner Thibodeaux Guidry Broussard Boudreaux Fontenot Landry Hebert Arceneaux Theriot""".split()

HISPANIC = set("""García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz
Cruz Reyes Morales Gutiérrez Ortiz Ramos Chávez Mendoza Ruiz Álvarez Castillo Jiménez Gonzales Vásquez Romero Moreno
Herrera Medina Aguilar Castro Fernández Vargas Guzmán Méndez Silva Muñoz Salazar Garza Soto Vázquez Santos Alvarado
Delgado Peña Contreras Sandoval Guerrero Ríos Estrada Ortega Núñez Valdez Santiago Maldonado Domínguez Vega Espinoza
Rojas Márquez Padilla Luna Mejía Acosta Juárez Cortez Navarro Figueroa Ávila Molina Campos Miranda Ayala Carrillo Durán
DeLeon León Cabrera Lara Robles Cervantes Solís Salinas Fuentes Velásquez Aguirre Ochoa Cárdenas Pacheco Calderón Rivas
Serrano Rosales Trujillo Román DeLaCruz Montoya Castañeda Guerra Valencia Franco Gallegos Camacho Colón Ibarra Suárez
Orozco Salas Andrade Escobar Velázquez Macías Villanueva Zamora Villarreal Barrera Pineda Mercado Santana Bautista
Treviño Lozano Rangel Arias Mora Valenzuela Zúñiga Meléndez Rocha Galván Vélez Meza Villa Tapia Sosa Bonilla Acevedo
Benítez Zavala Cisneros Rubio Arroyo Arellano Beltrán Ponce Cantú Montes Mata Rosario Villegas Huerta Guevara Cortés
Murillo Salgado Córdova Barajas Rosas Dávila DeJesús Marín Palacios Cuevas Duarte Esparza Bravo Corona Enríquez Quintero
Trejo Medrano Félix Lucero Bernal Nava Ventura Magaña Espinosa Correa DeLaRosa Lugo Portillo Villalobos Quintana
Esquivel Cano Ávalos Parra Jaramillo Peralta Galindo Leal Sierra Alfaro Reyna Costa Barrón""".split())

TOP20 = [2442977, 1932812, 1625252, 1437026, 1425470, 1166120, 1161437, 1116357, 1094924, 1060159, 1043281, 874523,
         841025, 801882, 784404, 756142, 751209, 724374, 708099, 702625]


def surname_weight(rank):
    if rank <= 20:
        return TOP20[rank - 1]
    if rank <= 100:
        return round(TOP20[-1] * (rank / 20) ** -0.6)
    return round(TOP20[-1] * 5 ** -0.6 * (rank / 100) ** -1.05)


MALE = """James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas
Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis
Jerry Tyler Aaron José Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry
Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie
Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby Mason Philip Louis Travis Chad Shawn Derek Cody
Corey Dustin Marcus Luis Carlos Jesús Miguel Antonio Victor Jorge Francisco Manuel Alejandro Ricardo Eduardo Javier
Fernando Mario Pedro Rafael Sergio Héctor Oscar Martin Rubén Roberto Andrés Raúl Ángel Edgar Omar César Adrián Iván
Diego Julio Enrique Alberto Armando Arturo Gerardo Alfredo Ernesto Jaime Guillermo Salvador Ramón Rodolfo Felipe
Ignacio Marco Hugo Abel Craig Todd Brett Curtis Troy Jeffery Danny Johnny Jimmy Tony Ricky Allen Stanley Leonard Dale
Earl Howard Fred Frederick Glenn Lee Clarence Phillip Rodney Darrell Derrick Tommy Melvin Jay Leroy Francis Bradley
Lance Marvin Barry Seth Kurt Neil Darren Ross Casey Erik Evan Ian Luke Caleb Isaac Hunter Connor Devin Trevor Garrett
Blake Colton Chase Brendan Spencer Mitchell Wesley Levi Jared Joel Lucas Grant Cameron Dominic Jake Max Owen Gavin Cole
Xavier Tristan Nolan Shane Clayton Preston Micah Bryce Jeremiah Isaiah Malik Darius Terrence Andre Jamal Tyrone
Reginald Maurice Cedric Lamar Demetrius Dwayne Jermaine Marquis Quentin Rashad Brent Clifford Gordon Lloyd Norman Vernon
Wallace Warren Herbert Harry Stuart Duane Dean Glen Ray Calvin Edwin Alvin Theodore Nathaniel Gilbert Leon Kirk Ronnie
Donnie Jon Wade Heath Dusty Trent Brady Jody Toby Minh Duc Wei Jun Hyun Raj Amit Vijay Mohammed Ahmed Ali Hassan Abdul
Tuan Sung Hiroshi Sanjay Rahul Mustafa Yusuf Dmitri Sergei Viktor Andrei Pavel""".split()

FEMALE = """Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra
Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia
Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet
Catherine María Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan
Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Julia
Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie
Kayla Alexis Lori Tiffany Crystal Tammy Tina Wendy Dawn Erin Courtney Rhonda Kristen Holly Allison Jamie Vanessa Erica
Kristin Shannon April Mónica Leslie Katie Misty Brandy Tracy Stacy Angie Jenna Lindsey Chelsea Whitney Alyssa Caitlin
Morgan Taylor Brianna Destiny Jasmine Haley Sydney Kaitlyn Paige Mackenzie Kaylee Savannah Ava Mia Chloe Ella Lily
Zoe Addison Aubrey Brooke Leah Gabrielle Sierra Autumn Rosa Carmen Guadalupe Ana Juana Verónica Yolanda Alejandra
Adriana Gabriela Leticia Silvia Claudia Elena Lucía Daniela Mariana Valeria Ximena Yesenia Esmeralda Marisol Norma
Irma Lorena Araceli Angélica Beatriz Liliana Sonia Raquel Alicia Cristina Maribel Graciela Rocío Blanca Ebony Latoya
Keisha Tamika Shanice Aaliyah Imani Kiara Tanisha Monique Jada Deja Yvonne Lorraine Peggy Connie Sheila Ellen Kathy
Carla Annie Lois Elaine Rita Phyllis Marjorie Vicki Stacey Regina Renee Suzanne Sally Tara Jill Kristina Melanie
Colleen Paula Robin Gina Sherry Kara Bridget Heidi Krista Mallory Meredith Molly Natasha Naomi Nina Olga Priya Mei
Linh Thuy Jin Yuki Fatima Aisha Amina Leila Ruby Ivy Hazel Stella Violet Aria Layla Nora Riley Scarlett Penelope
Claire Lucy Audrey Bella Maya Kylie Cassandra Jocelyn Miranda Bethany Kelsey Lacey Shelby Marissa Kendra Tabitha
Tonya""".split()


def dedupe(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def main():
    surnames = dedupe(SURNAMES)
    with open(os.path.join(HERE, "surnames.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["surname", "weight", "hispanic"])
        for i, s in enumerate(surnames):
            w.writerow([s, surname_weight(i + 1), int(s in HISPANIC)])
    with open(os.path.join(HERE, "given_names.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["given_name", "sex", "weight"])
        for sex, names in (("M", dedupe(MALE)), ("F", dedupe(FEMALE))):
            for i, s in enumerate(names):
                w.writerow([s, sex, round(1_000_000 * (i + 4) ** -0.9)])
    print(len(surnames), "surnames,", len(dedupe(MALE)), "male,", len(dedupe(FEMALE)), "female given names")
    missing = HISPANIC - set(surnames)
    assert not missing, missing


main()
