package org.onecall.dispatch.household;

/** How a resident is related to the household's head (户主). */
public enum Relation {
    HEAD, SPOUSE, CHILD, CHILD_IN_LAW, PARENT, GRANDPARENT, GRANDCHILD, SIBLING, RELATIVE, CARER, TENANT, OTHER
}
